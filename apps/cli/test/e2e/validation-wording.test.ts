// Issue 17, "messages in the CLI's own words": a table of bad inputs with the exact line each prints. No zod
// phrases ("Invalid input: expected …"), no `(got )` with nothing after it, flags named as typed. Every case
// exits 2 and sends nothing.
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../in-process.js';
import { freshUser } from './harness.js';

let sim: Simulator;
let user: Awaited<ReturnType<typeof freshUser>>;
beforeAll(async () => {
  sim = await startSimulator({ timeScale: 0.01, seed: 4 });
  user = await freshUser();
});
afterAll(async () => {
  await sim?.close();
});

const t2vSizes = '832*480, 480*832, 624*624, 1920*1080, 1080*1920, 1440*1440, 1632*1248, 1248*1632';
const offering720 =
  'wan2.6-t2v, wan2.5-t2v-preview, wanx2.1-t2v-turbo, wanx2.1-t2v-plus, wan2.7-t2v, wan2.7-t2v-2026-04-25, wan3.0-video, wan3.0-video-prime';
const usage = (flag: string, value: string, text: string) =>
  `error: option '${flag}' argument '${value}' is invalid. ${text}`;

/** Arguments after `video`/`image`/…, and the first line on stderr that is not a `wankit:` note. */
const table: [args: readonly string[], line: string][] = [
  // Request validation (core), in flag words.
  [
    ['video', 'x', '--size', '1280x'],
    'error: --size "1280x" is not written as WIDTH*HEIGHT, e.g. 1280*720 [invalid_request]',
  ],
  [
    ['video', 'x', '--size', ''],
    'error: --size is empty; write it as WIDTH*HEIGHT, e.g. 1280*720 [invalid_request]',
  ],
  [
    ['video', 'x', '--size', '1280x720', '--model', 'wan2.2-t2v-plus'],
    `error: --size 1280*720 is not offered by wan2.2-t2v-plus; choose ${t2vSizes}; 1280*720 is offered by ${offering720} [invalid_request]`,
  ],
  [
    ['video', 'x', '--size', '1280*1280'],
    `error: --size 1280*1280 is not offered by wan2.2-t2v-plus; choose ${t2vSizes}; no text-to-video model offers 1280*1280 [invalid_request]`,
  ],
  [
    ['video', 'x', '--resolution', '4k'],
    'error: --resolution "4k" is not one of 480p, 720p, 1080p [invalid_request]',
  ],
  [
    ['video', 'x', '--resolution', ''],
    'error: --resolution is empty; choose 480p, 720p, 1080p [invalid_request]',
  ],
  [
    ['video', 'x', '--aspect', '5:4'],
    'error: --aspect "5:4" is not one of 16:9, 9:16, 1:1, 4:3, 3:4 [invalid_request]',
  ],
  [
    ['video', 'x', '--aspect', ''],
    'error: --aspect is empty; choose 16:9, 9:16, 1:1, 4:3, 3:4 [invalid_request]',
  ],
  [
    ['video', 'x', '--shot-type', 'triple'],
    'error: --shot-type "triple" is not one of single, multi [invalid_request]',
  ],
  [
    ['video', 'x', '--duration', '7', '--model', 'wan2.5-t2v-preview'],
    'error: --duration 7 is not allowed for wan2.5-t2v-preview; choose 5, 10 [invalid_request]',
  ],
  [['video', 'x', '--model', ''], 'error: --model is empty [invalid_request]'],
  [['video', ''], 'error: the prompt is empty [invalid_request]'],
  [['image', 'x', '--count', '0'], 'error: --count must be more than 0, not 0 [invalid_request]'],
  [['video', 'x', '--audio-url', ''], 'error: --audio-url is empty; give an http(s) URL [invalid_request]'],
  [
    ['video', 'x', '--image', ''],
    'error: --image is empty; give an https:// URL, a data URI or a local image file [invalid_request]',
  ],
  [
    ['video', 'x', '--provider-option', 'foo=1'],
    'error: --provider-option does not take foo; the native adapter has no provider options [invalid_request]',
  ],
  [
    ['video', 'x', '--provider-option', 'noequals'],
    'error: --provider-option noequals: write it as key=value, e.g. provider=auto [invalid_request]',
  ],
  // Argument parsing (commander with the CLI's parsers).
  [['video', 'x', '--seed', 'abc'], usage('--seed <n>', 'abc', '--seed takes a whole number, e.g. 42.')],
  [['video', 'x', '--seed', ''], usage('--seed <n>', '', '--seed takes a whole number, e.g. 42.')],
  [
    ['video', 'x', '--duration', '5.5'],
    usage('--duration <seconds>', '5.5', '--duration takes a whole number, e.g. 42.'),
  ],
  [['image', 'x', '--count', 'two'], usage('--count <n>', 'two', '--count takes a whole number, e.g. 42.')],
  [
    ['video', 'x', '--timeout', 'soon'],
    usage('--timeout <duration>', 'soon', 'Write a duration such as 90s, 10m, 1h or a number of seconds.'),
  ],
  [
    ['video', 'x', '--timeout', '0'],
    usage('--timeout <duration>', '0', 'A duration must be more than zero, e.g. 90s.'),
  ],
  [
    ['video', 'x', '--time-scale', ''],
    usage('--time-scale <x>', '', 'Write a number greater than zero, e.g. 0.05.'),
  ],
  [
    ['video', 'x', '--time-scale', '0'],
    usage('--time-scale <x>', '0', 'Write a number greater than zero, e.g. 0.05.'),
  ],
  [
    ['video', 'x', '--provider', 'acme'],
    usage(
      '--provider <id>',
      'acme',
      'Allowed choices are native, v2, generate-task, dashscope, or several separated by commas.',
    ),
  ],
  [
    ['sim', '--fault-rate', 'abc'],
    usage('--fault-rate <x>', 'abc', 'Write a fraction from 0 to 1, e.g. 0.1.'),
  ],
  [
    ['sim', '--port', '99999'],
    usage('--port <n>', '99999', 'Write a port from 0 to 65535 (0 picks a free one).'),
  ],
  // Task arguments.
  [
    ['status', '{"a":1}'],
    'error: task argument is not a task ref: it has no spec; pass a task id from the journal, or the ref printed by `--json` [invalid_request]',
  ],
  [
    ['status', ''],
    'error: the task argument is empty; pass a task id from the journal, or a serialised task ref (JSON, or @file) [invalid_request]',
  ],
];

describe('bad input, in the CLI’s words', () => {
  it('prints exactly the expected line for every case, exits 2, sends nothing', async () => {
    const before = sim.stats().requests;
    const failures: string[] = [];
    for (const [args, expected] of table) {
      const connection = args[0] === 'sim' ? [] : ['--provider', 'native', '--base-url', sim.baseUrl];
      const result = await runInProcess([...args, ...connection], user);
      const line = result.stderr.split('\n').find((l) => l !== '' && !l.startsWith('wankit:'));
      if (result.code !== 2) failures.push(`${args.join(' ')}: exit ${result.code}`);
      if (line !== expected) failures.push(`${args.join(' ')}:\n  expected ${expected}\n  printed  ${line}`);
      if (/\(got \)|Invalid input|Invalid option|Too (small|big):/.test(result.stderr))
        failures.push(`${args.join(' ')}: raw schema wording`);
    }
    expect(failures).toEqual([]);
    expect(sim.stats().requests).toBe(before);
  });

  it('accepts 1280x720, 1280X720 and 1280×720 as 1280*720', async () => {
    for (const size of ['1280x720', '1280X720', '1280×720', '1280 x 720']) {
      const result = await runInProcess(
        [
          'video',
          'x',
          '--model',
          'wan2.6-t2v',
          '--size',
          size,
          '--provider',
          'native',
          '--base-url',
          sim.baseUrl,
        ].concat(['--time-scale', '0.01', '--no-download', '--json']),
        user,
      );
      expect(result.code, `${size}: ${result.stderr}`).toBe(0);
      // 1280*720 is wan2.6-t2v's 720p 16:9 size: the task was created at that tier.
      expect((JSON.parse(result.stdout) as { ref: { resolution?: string } }).ref.resolution).toBe('720p');
    }
  });
});
