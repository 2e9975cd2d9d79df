import { describe, expect, it } from 'vitest';
import type { TaskOutput } from '../spec/task.js';
import { outputFileName, urlFileName } from './output-file-name.js';

const video = (url: string): TaskOutput => ({ kind: 'video', url });
const image = (url: string): TaskOutput => ({ kind: 'image', url });

describe('outputFileName', () => {
  it.each([
    ['task-1', video('https://cdn.vtrix.ai/output/8c1f.mp4'), 0, 1, 'task-1.mp4'],
    ['t', image('https://x.aliyuncs.com/1.png?Expires=1758938442&Signature=abc'), 1, 2, 't-2.png'],
    ['t', image('https://cdn.example.com/file.JPEG'), 0, 3, 't-1.jpeg'],
    ['t', video('https://cdn.example.com/download?id=1'), 0, 1, 't.mp4'],
    ['t', image('https://cdn.example.com/download?id=1'), 0, 1, 't.png'],
    ['../../etc/passwd', video('https://cdn.example.com/a.mp4'), 0, 1, '__.._etc_passwd.mp4'],
    ['a b/c', image('https://cdn.example.com/a.webp'), 0, 1, 'a_b_c.webp'],
  ])('%s %o #%i of %i → %s', (taskId, output, index, count, expected) => {
    expect(outputFileName(taskId, output, index, count)).toBe(expected);
  });
});

describe('urlFileName', () => {
  it('takes the last path segment, made safe', () => {
    expect(urlFileName('https://cdn.example.com/a/b/clip%20one.mp4?sig=1')).toBe('clip_one.mp4');
    expect(urlFileName('https://cdn.example.com/')).toBe('download');
    expect(urlFileName('https://cdn.example.com/..%2F..%2Fpasswd')).toBe('__.._passwd');
  });
});
