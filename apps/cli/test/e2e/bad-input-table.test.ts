// Issue 12, "the suite that keeps it": a generated table of bad inputs, each run through the CLI (in this
// process, the same command tree as the binary) against a simulator that must see zero requests. Every case
// exits 2 (nothing was sent), and its message names the field; a typed error also says what is allowed.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../in-process.js';
import { freshUser } from './harness.js';

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  /** Words stderr must contain: the field (or flag), and the offending value where it is short. */
  readonly mention: readonly string[];
  /** A usage error from the argument parser (no JSON document, no `allowed`). */
  readonly usage?: boolean;
}

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const pngUri = `data:image/png;base64,${Buffer.concat([png, Buffer.alloc(2)]).toString('base64')}`;
const dataUri = (mime: string, bytes: Buffer | string) =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;

let sim: Simulator;
let user: Awaited<ReturnType<typeof freshUser>>;
const cases: Case[] = [];

function buildCases(base: string): void {
  const to = (provider = 'native') => ['--provider', provider, '--base-url', base];
  const video = (extra: readonly string[], provider?: string) => [
    'video',
    'a cat',
    ...to(provider),
    ...extra,
  ];
  const image = (extra: readonly string[]) => ['image', 'an apple', ...to(), ...extra];
  const add = (label: string, args: readonly string[], mention: readonly string[], usage = false) =>
    cases.push({ label, args, mention, usage });

  // Prompts: empty and whitespace-only, for video and image.
  for (const prompt of ['', ' ', '   ', '\t', '\n', ' \n\t ', '\u3000', '\u00a0\u00a0']) {
    add(`video prompt ${JSON.stringify(prompt)}`, ['video', prompt, ...to()], ['prompt']);
    add(`image prompt ${JSON.stringify(prompt)}`, ['image', prompt, ...to()], ['prompt']);
  }
  // Models: unknown, and of the wrong kind.
  for (const model of [
    'wan9-t2v',
    'WAN2.2',
    'gpt-4',
    'wan2.2-t2v',
    'wan2.5-t2v',
    'x',
    'wan2.2-t2v-plus ',
    '../../etc',
  ]) {
    add(`unknown model ${model}`, video(['--model', model]), ['model']);
    add(`unknown image model ${model}`, image(['--model', model]), ['model']);
  }
  add('image model for video', video(['--model', 'wan2.5-t2i-preview']), ['model', 'text-to-video']);
  add('video model for image', image(['--model', 'wan2.2-t2v-plus']), ['model', 'text-to-image']);
  add('i2v model without image', video(['--model', 'wan2.5-i2v-preview']), ['model']);
  add('model the provider does not serve', video(['--model', 'wanx2.1-t2v-turbo']), ['wanx2.1-t2v-turbo']);
  for (const [provider, model] of [
    ['generate-task', 'wan2.2-t2v-plus'],
    ['generate-task', 'wan2.6-t2v'],
    ['generate-task', 'wanx2.1-t2v-turbo'],
    ['generate-task', 'wanx2.1-t2v-plus'],
    ['v2', 'wan2.5-t2v-preview'],
    ['v2', 'wan2.6-t2v'],
  ] as const) {
    add(`${model} on ${provider}`, video(['--model', model], provider), [model]);
  }
  for (const provider of ['v2', 'generate-task']) {
    add(`text-to-image on ${provider}`, ['image', 'an apple', ...to(provider)], ['text-to-image']);
  }
  for (const size of ['1920*1080', '1280*1280', '640*480', '100*100']) {
    add(`v2 turbo size ${size}`, video(['--model', 'wanx2.1-t2v-turbo', '--size', size], 'v2'), ['size']);
  }
  // Sizes: malformed, and not a size of the model.
  for (const size of [
    '1280x720',
    '1280*',
    '*720',
    'abc',
    '1*1',
    '99999*99999',
    '1280*721',
    '720*1280*2',
    '0*0',
    '-1280*720',
    '1280 * 720',
  ]) {
    add(`size ${size}`, video(['--model', 'wan2.2-t2v-plus', '--size', size]), ['size']);
    add(`image size ${size}`, image(['--size', size]), ['size']);
  }
  add('size of another tier', video(['--model', 'wan2.2-t2v-plus', '--size', '1280*720']), [
    'size',
    '1920*1080',
  ]);
  // Tiers and aspect ratios.
  for (const resolution of ['4k', '360p', '2160p', '720', 'hd', '1080i']) {
    add(`resolution ${resolution}`, video(['--resolution', resolution]), ['resolution']);
  }
  add('tier the provider lacks', video(['--resolution', '480p'], 'generate-task'), ['480p']);
  for (const aspect of ['5:4', '16-9', '16:10', '1:2', 'wide', '0:0', '9:16:1']) {
    add(`aspect ${aspect}`, video(['--aspect', aspect]), ['aspect']);
    add(`image aspect ${aspect}`, image(['--aspect', aspect]), ['aspect']);
  }
  // Durations per model rule.
  for (const [model, duration] of [
    ['wan2.2-t2v-plus', '10'],
    ['wan2.2-t2v-plus', '3'],
    ['wan2.5-t2v-preview', '7'],
    ['wan2.5-t2v-preview', '15'],
    ['wan2.6-t2v', '1'],
    ['wan2.6-t2v', '16'],
    ['wan2.6-t2v', '600'],
  ] as const) {
    add(`duration ${duration} on ${model}`, video(['--model', model, '--duration', duration]), ['duration']);
  }
  for (const duration of ['abc', '-5', '1.5', '5s', '']) {
    add(`duration flag ${duration}`, video(['--duration', duration]), ['--duration'], true);
  }
  // Seeds.
  for (const seed of ['abc', '-1', '1.5', '1e3', ''])
    add(`seed ${seed}`, video(['--seed', seed]), ['--seed'], true);
  add('seed too large', video(['--seed', '2147483648']), ['seed']);
  add('seed far too large', video(['--seed', '99999999999']), ['seed']);
  // Image counts.
  for (const count of ['0', '5', '100']) add(`count ${count}`, image(['--count', count]), ['count']);
  for (const count of ['x', '-1', '2.5'])
    add(`count flag ${count}`, image(['--count', count]), ['--count'], true);
  // Shot types, templates, provider options.
  for (const shot of ['triple', 'MULTI ', 'none'])
    add(`shot type ${shot}`, video(['--shot-type', shot, '--model', 'wan2.6-t2v']), [
      'shotType',
      '--shot-type',
    ]);
  for (const option of ['auto', '=auto', ''])
    add(`provider option ${option}`, video(['--provider-option', option]), ['provider-option']);
  // Input images: flags.
  const imageValues: [string, string][] = [
    ['http on a public host', 'http://example.com/cat.png'],
    ['http on a LAN host', 'http://192.168.1.10/cat.png'],
    ['ftp', 'ftp://example.com/cat.png'],
    ['file URL', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['missing file', 'missing.png'],
    ['a directory', '.'],
    ['empty file', 'empty.png'],
    ['text file named png', 'fake.png'],
    ['text file', 'notes.txt'],
    ['empty string', ''],
    ['blank string', '   '],
    ['empty data URI', 'data:image/png;base64,'],
    ['text data URI', dataUri('text/plain', 'hello')],
    ['html data URI', dataUri('text/html', '<b>x</b>')],
    ['non-image bytes', dataUri('image/png', 'not a png at all')],
    ['bad base64', 'data:image/png;base64,%%%%'],
    ['not base64', 'data:image/png,rawbytes'],
    ['gif data URI', dataUri('image/gif', 'GIF89a......')],
  ];
  for (const [label, value] of imageValues) {
    add(`--image ${label}`, video(['--image', value, '--model', 'wan2.5-i2v-preview']), ['image']);
    add(
      `--last-image ${label}`,
      ['video', 'x', ...to('v2'), '--model', 'wanx2.1-kf2v-plus', '--image', pngUri, '--last-image', value],
      ['lastImage', 'last-image'],
    );
  }
  // Audio URLs.
  for (const audio of [
    'ftp://example.com/a.mp3',
    'file:///tmp/a.mp3',
    'javascript:alert(1)',
    'data:audio/mp3;base64,AAAA',
    'not a url',
  ]) {
    add(`audio url ${audio}`, video(['--model', 'wan2.5-t2v-preview', '--audio-url', audio]), [
      'audioUrl',
      '--audio-url',
    ]);
  }
  // Providers and base URLs.
  for (const provider of ['acme', 'openai', 'NATIVE', ''])
    add(`provider ${provider}`, ['video', 'x', '--provider', provider], ['provider'], true);
  for (const url of ['https://joe:pw@gw.example', 'http://joe:pw@127.0.0.1:1', 'https://token@gw.example']) {
    add(
      `base URL with credentials ${url}`,
      ['video', 'x', '--provider', 'native', '--base-url', url],
      ['baseUrl', 'user:password@'],
    );
  }
  add(
    'plain http base URL on a public host',
    ['video', 'x', '--provider', 'native', '--base-url', 'http://gw.example', '--api-key-env', 'HOME'],
    ['base URL'],
  );
  add(
    'base URL not a URL',
    ['video', 'x', '--provider', 'native', '--base-url', 'gw example', '--api-key-env', 'HOME'],
    ['base URL'],
  );
  add(
    'base URL of another scheme',
    ['video', 'x', '--provider', 'native', '--base-url', 'ftp://gw.example', '--api-key-env', 'HOME'],
    ['base URL'],
  );
  add(
    'no key for a remote provider',
    ['video', 'x', '--provider', 'native', '--base-url', 'https://gateway.invalid'],
    ['apiKey'],
  );
  add(
    'key variable not set',
    ['video', 'x', '--provider', 'native', '--base-url', base, '--api-key-env', 'NO_SUCH_VAR'],
    ['api-key-env'],
  );
  // Options that do not exist, durations of --timeout.
  for (const option of ['--colour', '--durationSeconds', '--negative-prompt', '--size2'])
    add(`unknown option ${option}`, video([option, 'x']), [option], true);
  for (const timeout of ['soon', '0', '-5s', '10y'])
    add(`timeout ${timeout}`, video(['--timeout', timeout]), ['--timeout'], true);

  // Task refs for status, wait and download.
  for (const command of ['status', 'wait', 'download']) {
    for (const [label, value] of [
      ['not JSON', '{not json'],
      ['not a ref', '{"hello":1}'],
      ['wrong spec', '{"spec":"other","adapter":"native","taskId":"t"}'],
      ['deep JSON', `{"ref":${'['.repeat(5000)}${']'.repeat(5000)}}`],
      ['missing @file', '@missing.json'],
      ['unknown task id', 'task_that_does_not_exist'],
      [
        'ref of an unknown adapter',
        JSON.stringify({
          spec: 'wankit.task/v1',
          adapter: 'acme',
          taskId: 't',
          model: 'm',
          providerModel: 'm',
          kind: 'text-to-video',
          submittedAt: '2026-01-01T00:00:00Z',
        }),
      ],
      [
        'ref with credentials in its base URL',
        JSON.stringify({
          spec: 'wankit.task/v1',
          adapter: 'native',
          taskId: 't',
          model: 'wan2.2-t2v-plus',
          providerModel: 'x',
          kind: 'text-to-video',
          submittedAt: '2026-01-01T00:00:00Z',
          baseUrl: 'https://joe:pw@gw.example',
        }),
      ],
    ] as const) {
      add(
        `${command} ${label}`,
        [command, value, '--journal', 'none.jsonl'],
        label.includes('credentials') ? ['baseUrl', 'base URL'] : ['task'],
      );
    }
  }
}

/** Batch lines, each in its own file: the line and the field its error must name. */
const batchLines: [label: string, line: string, field: string][] = [];
function buildBatchLines(): void {
  const fields = [
    'model',
    'prompt',
    'size',
    'resolution',
    'aspectRatio',
    'durationSeconds',
    'seed',
    'image',
    'kind',
    'negativePrompt',
    'count',
    'audio',
    'providerOptions',
    'lastImage',
    'audioUrl',
    'shotType',
    'template',
    'watermark',
    'promptExtend',
  ];
  for (const field of fields)
    batchLines.push([`${field} null`, JSON.stringify({ prompt: 'x', [field]: null }), field]);
  for (const kind of ['video', 'image', 'text2video', 'TEXT-TO-VIDEO', '', 'i2v', 'text-to-audio']) {
    batchLines.push([`kind ${kind}`, JSON.stringify({ prompt: 'x', kind }), 'kind']);
  }
  for (const [wrong, right] of [
    ['duration', 'durationSeconds'],
    ['negative_prompt', 'negativePrompt'],
    ['negative', 'negativePrompt'],
    ['aspect', 'aspectRatio'],
    ['aspect_ratio', 'aspectRatio'],
    ['Model', 'model'],
    ['prompts', 'prompt'],
    ['seeds', 'seed'],
    ['sizes', 'size'],
    ['resolutoin', 'resolution'],
    ['durationSecond', 'durationSeconds'],
    ['image_url', 'image'],
    ['promptExtended', 'promptExtend'],
    ['watermarks', 'watermark'],
    ['shot_type', 'shotType'],
    ['audio_url', 'audioUrl'],
    ['last_image', ''],
    ['lastimage', ''],
    ['durationseconds', 'durationSeconds'],
    ['Prompt', 'prompt'],
    ['SEED', 'seed'],
    ['resolutions', 'resolution'],
    ['n', ''],
    ['callback_url', ''],
    ['quality', ''],
  ] as const) {
    batchLines.push([`misspelt ${wrong}`, JSON.stringify({ prompt: 'x', [wrong]: 10 }), wrong]);
    if (right)
      batchLines.push([
        `misspelt ${wrong} suggests ${right}`,
        JSON.stringify({ prompt: 'y', [wrong]: 5 }),
        right,
      ]);
  }
  batchLines.push(['count on a video line', JSON.stringify({ prompt: 'x', count: 2 }), 'count']);
  batchLines.push([
    'image on a text-to-image line',
    JSON.stringify({ prompt: 'x', kind: 'text-to-image', image: pngUri }),
    'image',
  ]);
  for (const prompt of ['', ' ', '\t\n', '\u3000'])
    batchLines.push([`prompt ${JSON.stringify(prompt)}`, JSON.stringify({ prompt }), 'prompt']);
  batchLines.push(['blank string line', JSON.stringify('   '), 'prompt']);
  for (const [label, image] of [
    ['http image', 'http://example.com/cat.png'],
    ['empty data URI', 'data:image/png;base64,'],
    ['text data URI', dataUri('text/plain', 'hi')],
    ['non-image bytes', dataUri('image/jpeg', 'hello there')],
    [
      'oversized data URI',
      `data:image/png;base64,${Buffer.concat([png, Buffer.alloc(2)]).toString('base64')}${'A'.repeat(14_000_000)}`,
    ],
    ['missing local file', 'nope.png'],
  ] as const) {
    batchLines.push([
      `image ${label}`,
      JSON.stringify({ prompt: 'x', image, model: 'wan2.5-i2v-preview' }),
      'image',
    ]);
  }
  batchLines.push([
    'audio ftp',
    JSON.stringify({ prompt: 'x', audioUrl: 'ftp://x/a.mp3', model: 'wan2.5-t2v-preview' }),
    'audioUrl',
  ]);
  for (const [label, line] of [
    ['not JSON', '{prompt: x}'],
    ['truncated JSON', '{"prompt":"x"'],
    ['an array', '["a cat"]'],
    ['a number', '42'],
    ['true', 'true'],
    ['null', 'null'],
    ['deep arrays', `{"prompt":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['deep objects', `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`],
  ] as const) {
    batchLines.push([label, line, 'line 1']);
  }
  for (const [label, extra] of [
    ['size 1*1', { size: '1*1' }],
    ['duration 7', { durationSeconds: 7, model: 'wan2.5-t2v-preview' }],
    ['duration as text', { durationSeconds: '10' }],
    ['seed as text', { seed: '42' }],
    ['seed negative', { seed: -1 }],
    ['resolution 4k', { resolution: '4k' }],
    ['aspect 5:4', { aspectRatio: '5:4' }],
    ['unknown model', { model: 'wan9' }],
    ['prompt as a number', { prompt: 42 }],
    ['watermark as text', { watermark: 'yes' }],
  ] as const) {
    const field = Object.keys(extra).find((key) => key !== 'model') ?? 'model';
    batchLines.push([label, JSON.stringify({ prompt: 'x', ...extra }), field]);
  }
}

beforeAll(async () => {
  sim = await startSimulator({ timeScale: 0.01, seed: 9 });
  user = await freshUser();
  await writeFile(join(user.cwd, 'empty.png'), '');
  await writeFile(join(user.cwd, 'fake.png'), 'this is text');
  await writeFile(join(user.cwd, 'notes.txt'), 'notes');
  buildCases(sim.baseUrl);
  buildBatchLines();
  await mkdir(join(user.cwd, 'batch'), { recursive: true });
});
afterAll(async () => {
  await sim?.close();
});

describe('the bad-input table', () => {
  it('has at least 300 cases', () => {
    console.log(
      `bad-input table: ${cases.length} command-line cases, ${batchLines.length} batch lines, 6 files`,
    );
    expect(cases.length + batchLines.length + 6).toBeGreaterThanOrEqual(300);
  });

  it('every case exits 2, names the field and what is allowed, and sends nothing', async () => {
    const before = sim.stats().requests;
    const failures: string[] = [];
    for (const c of cases) {
      const json = c.usage ? [] : ['--json'];
      const result = await runInProcess([...c.args, ...json], user);
      const problems: string[] = [];
      if (result.code !== 2) problems.push(`exit ${result.code}`);
      const text = result.stderr.toLowerCase();
      if (!c.mention.some((word) => text.includes(word.toLowerCase())))
        problems.push(`does not name ${c.mention.join(' or ')}`);
      if (result.stderr.includes('    at ')) problems.push('prints a stack trace');
      if (!c.usage) {
        const doc = JSON.parse(result.stdout || '{}') as { error?: { field?: string; allowed?: unknown[] } };
        if (!doc.error?.field) problems.push('the JSON error has no field');
        if (!doc.error?.allowed?.length) problems.push('the JSON error has no allowed values');
      }
      if (problems.length > 0)
        failures.push(`${c.label}: ${problems.join(', ')}\n    ${result.stderr.trim().split('\n').at(-1)}`);
    }
    expect(failures).toEqual([]);
    expect(sim.stats().requests).toBe(before);
  });

  it('every bad batch line exits 2, names its field and what is allowed, and sends nothing', async () => {
    const before = sim.stats().requests;
    const failures: string[] = [];
    for (const [index, [label, line, field]] of batchLines.entries()) {
      const file = join(user.cwd, 'batch', `case-${index}.jsonl`);
      // A good line first: one bad line stops the whole file.
      await writeFile(file, `{"prompt":"a fine line"}\n${line}\n`);
      const result = await runInProcess(
        ['batch', file, '--provider', 'native', '--base-url', sim.baseUrl, '--json'],
        user,
      );
      const problems: string[] = [];
      if (result.code !== 2) problems.push(`exit ${result.code}`);
      if (!result.stderr.includes('line 2')) problems.push('does not name the line');
      if (!result.stderr.toLowerCase().includes(field.toLowerCase().replace('line 1', 'line 2')))
        problems.push(`does not name ${field}`);
      if (result.stderr.includes('    at ')) problems.push('prints a stack trace');
      const doc = JSON.parse(result.stdout || '{}') as { errors?: { field?: string; allowed?: unknown[] }[] };
      const error = doc.errors?.[0];
      if (!error?.field) problems.push('no field in the JSON error');
      if (!error?.allowed?.length) problems.push('no allowed values in the JSON error');
      if (problems.length > 0)
        failures.push(`${label}: ${problems.join(', ')}\n    ${result.stderr.trim().split('\n')[0]}`);
    }
    expect(failures).toEqual([]);
    expect(sim.stats().requests).toBe(before);
  });

  it('accepts what only looks odd: a BOM, CRLF line ends, blank lines (nothing else differs)', async () => {
    const file = join(user.cwd, 'batch', 'odd.jsonl');
    await writeFile(file, '\uFEFF{"prompt":"a fine line"}\r\n\r\n"just a prompt"\r\n');
    const result = await runInProcess(
      [
        'batch',
        file,
        '--provider',
        'native',
        '--base-url',
        sim.baseUrl,
        '--no-download',
        '--time-scale',
        '0.01',
        '--size',
        '832*480',
      ],
      user,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('2 line(s)');
  });

  it('refuses a batch file that is missing, empty or a directory, and a broken config file', async () => {
    const before = sim.stats().requests;
    await writeFile(join(user.cwd, 'batch', 'empty.jsonl'), '\n\n');
    await writeFile(
      join(user.cwd, 'deep-config.json'),
      `{"provider":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    );
    await writeFile(join(user.cwd, 'bad-config.json'), '{"provider":"native","colour":"red"}');
    for (const [args, word] of [
      [['batch', 'missing.jsonl'], 'missing.jsonl'],
      [['batch', join(user.cwd, 'batch', 'empty.jsonl')], 'no requests'],
      [['batch', join(user.cwd, 'batch')], 'cannot read'],
      [['video', 'x', '--config', 'deep-config.json'], 'nested'],
      [['video', 'x', '--config', 'bad-config.json'], 'colour'],
      [['video', 'x', '--config', 'no-such-config.json'], 'config'],
    ] as const) {
      const result = await runInProcess([...args, '--provider', 'native', '--base-url', sim.baseUrl], user);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(word);
      expect(result.stderr).not.toContain('    at ');
    }
    expect(sim.stats().requests).toBe(before);
  });
});
