import { describe, expect, it } from 'vitest';
import { fileNameForOutput } from './output-file-name.js';

describe('fileNameForOutput', () => {
  it.each([
    ['task-1', 0, 'https://cdn.vtrix.ai/output/8c1f.mp4', undefined, 'task-1-0.mp4'],
    ['t', 1, 'https://x.aliyuncs.com/1.png?Expires=1758938442&Signature=abc', undefined, 't-1.png'],
    ['t', 0, 'https://cdn.example.com/file', 'image/jpeg; charset=binary', 't-0.jpg'],
    ['t', 2, 'https://cdn.example.com/file.JPEG', undefined, 't-2.jpeg'],
    ['t', 0, 'https://cdn.example.com/download?id=1', undefined, 't-0.bin'],
    ['../../etc/passwd', 0, 'https://cdn.example.com/a.mp4', undefined, '__.._etc_passwd-0.mp4'],
    ['a b/c', 0, 'https://cdn.example.com/a.webp', 'video/mp4', 'a_b_c-0.webp'],
  ])('%s #%i %s (%s) → %s', (taskId, index, url, contentType, expected) => {
    expect(fileNameForOutput(taskId, index, url, contentType)).toBe(expected);
  });
});
