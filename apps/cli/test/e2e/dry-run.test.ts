import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, freshUser, parseJsonOutput, runCli } from './harness.js';

// `--dry-run` validates, shows the exact request and its estimated cost, and sends nothing: the simulator
// counts every request it gets, so "nothing" is measured, not assumed.
const apiKey = 'sk-dry-run-secret-4242';
let sim: Simulator;
beforeAll(async () => {
  assertBuilt();
  sim = await startSimulator({ timeScale: 0.02, seed: 5 });
});
afterAll(async () => {
  await sim?.close();
});

async function user() {
  const fresh = await freshUser();
  const env: NodeJS.ProcessEnv = { ...fresh.env, WANKIT_API_KEY: apiKey };
  return { ...fresh, env };
}

const headers = {
  accept: 'application/json',
  'user-agent': 'wankit',
  'content-type': 'application/json',
  authorization: '[redacted]',
};
const apixo = {
  id: 'apixo',
  provider: 'apixo.ai',
  currency: 'USD',
  source: "apixo.ai's Wan 2.5 API page (wan-2-5): $0.08/s at 720p, $0.13/s at 1080p",
};

describe('video / image --dry-run', () => {
  it('prints the wire request and the estimated cost as one JSON document, and sends nothing', async () => {
    const u = await user();
    const before = sim.stats().requests;
    const result = await runCli(
      [
        'video',
        'a kitten in the moonlight',
        '--provider',
        'generate-task',
        '--base-url',
        sim.baseUrl,
        '--resolution',
        '720p',
        '--duration',
        '10',
        '--dry-run',
        '--json',
      ],
      u,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(parseJsonOutput(result)).toStrictEqual({
      ok: true,
      exitCode: 0,
      dryRun: true,
      sent: false,
      provider: 'generate-task',
      embedded: false,
      request: {
        method: 'POST',
        url: `${sim.baseUrl}/api/v1/generateTask/wan-2-5`,
        headers,
        body: {
          request_type: 'async',
          input: {
            mode: 'text-to-video',
            prompt: 'a kitten in the moonlight',
            resolution: '720p',
            aspect_ratio: '16:9',
            duration: 10,
          },
        },
      },
      billable: { model: 'wan2.5-t2v-preview', resolution: '720p', seconds: 10 },
      estimatedCost: {
        amount: 0.8,
        currency: 'USD',
        estimated: true,
        priceList: 'apixo',
        basis: '10 s × 0.08 USD/s at 720p',
      },
      priceList: apixo,
      warnings: [],
    });
    expect(sim.stats().requests - before).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(apiKey);
    // Nothing was sent, so nothing was journaled either.
    expect(existsSync(join(u.env.XDG_STATE_HOME as string, 'wankit', 'journal.jsonl'))).toBe(false);
  });

  it('prints the request and the cost for a terminal', async () => {
    const u = await user();
    const before = sim.stats().requests;
    const result = await runCli(
      [
        'video',
        'waves at dusk',
        '--provider',
        'generate-task',
        '--base-url',
        sim.baseUrl,
        '--resolution',
        '1080p',
        '--dry-run',
      ],
      u,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        `POST ${sim.baseUrl}/api/v1/generateTask/wan-2-5`,
        'accept: application/json',
        'user-agent: wankit',
        'content-type: application/json',
        'authorization: [redacted]',
        '',
        '{',
        '  "request_type": "async",',
        '  "input": {',
        '    "mode": "text-to-video",',
        '    "prompt": "waves at dusk",',
        '    "resolution": "1080p",',
        '    "aspect_ratio": "16:9"',
        '  }',
        '}',
        '',
        'estimated cost: 0.65 USD (5 s × 0.13 USD/s at 1080p; price list apixo)',
        `price list: apixo (apixo.ai; ${apixo.source})`,
        '',
      ].join('\n'),
    );
    expect(result.stderr).toContain('dry run: this is what would be sent; nothing was sent');
    expect(sim.stats().requests - before).toBe(0);
  });

  it('says so when the provider has no price list', async () => {
    const u = await user();
    const before = sim.stats().requests;
    const result = await runCli(
      [
        'image',
        'a red fox in snow',
        '--provider',
        'native',
        '--base-url',
        sim.baseUrl,
        '--count',
        '2',
        '--dry-run',
        '--json',
      ],
      u,
    );
    expect(result.code, result.stderr).toBe(0);
    const doc = parseJsonOutput(result);
    expect(doc).toMatchObject({
      dryRun: true,
      sent: false,
      provider: 'native',
      request: { method: 'POST', url: `${sim.baseUrl}/model/v1/generation`, headers },
      billable: { model: 'wan2.5-t2i-preview', images: 2 },
      estimatedCost: null,
      priceList: null,
    });
    expect(sim.stats().requests - before).toBe(0);
  });

  it('still refuses an invalid request first (exit 2, nothing sent)', async () => {
    const u = await user();
    const before = sim.stats().requests;
    const result = await runCli(
      [
        'video',
        'a kitten',
        '--provider',
        'generate-task',
        '--base-url',
        sim.baseUrl,
        '--duration',
        '7',
        '--dry-run',
        '--json',
      ],
      u,
    );
    expect(result.code).toBe(2);
    expect(parseJsonOutput(result)).toMatchObject({ ok: false, exitCode: 2 });
    expect(sim.stats().requests - before).toBe(0);
  });
});

describe('batch --dry-run', () => {
  it('previews and prices every line, totals per currency, and neither sends nor journals', async () => {
    const u = await user();
    await writeFile(
      join(u.cwd, 'prompts.jsonl'),
      `${[
        JSON.stringify({ prompt: 'a red kite over dunes', resolution: '720p' }),
        JSON.stringify({ prompt: 'a lighthouse', resolution: '1080p', durationSeconds: 10, name: 'light' }),
      ].join('\n')}\n`,
    );
    const before = sim.stats().requests;
    const result = await runCli(
      [
        'batch',
        'prompts.jsonl',
        '--provider',
        'generate-task',
        '--base-url',
        sim.baseUrl,
        '--dry-run',
        '--json',
      ],
      u,
    );
    expect(result.code, result.stderr).toBe(0);
    const doc = parseJsonOutput(result) as { lines: { key: string }[] };
    const file = join(u.cwd, 'prompts.jsonl');
    const request = (input: Record<string, unknown>) => ({
      method: 'POST',
      url: `${sim.baseUrl}/api/v1/generateTask/wan-2-5`,
      headers,
      body: { request_type: 'async', input: { mode: 'text-to-video', ...input } },
    });
    expect(doc).toStrictEqual({
      ok: true,
      exitCode: 0,
      dryRun: true,
      sent: false,
      file,
      journal: `${file}.journal.jsonl`,
      provider: 'generate-task',
      embedded: false,
      priceList: apixo,
      lines: [
        {
          line: 1,
          key: doc.lines[0]?.key,
          plan: 'submit',
          request: request({ prompt: 'a red kite over dunes', resolution: '720p', aspect_ratio: '16:9' }),
          billable: { model: 'wan2.5-t2v-preview', resolution: '720p', seconds: 5 },
          estimatedCost: {
            amount: 0.4,
            currency: 'USD',
            estimated: true,
            priceList: 'apixo',
            basis: '5 s × 0.08 USD/s at 720p',
          },
        },
        {
          line: 2,
          key: doc.lines[1]?.key,
          plan: 'submit',
          request: request({
            prompt: 'a lighthouse',
            resolution: '1080p',
            aspect_ratio: '16:9',
            duration: 10,
          }),
          billable: { model: 'wan2.5-t2v-preview', resolution: '1080p', seconds: 10 },
          estimatedCost: {
            amount: 1.3,
            currency: 'USD',
            estimated: true,
            priceList: 'apixo',
            basis: '10 s × 0.13 USD/s at 1080p',
          },
        },
      ],
      estimatedTotal: [{ currency: 'USD', amount: 1.7, lines: 2 }],
      unpriced: [],
    });
    for (const line of doc.lines) expect(line.key).toMatch(/^request:[0-9a-f]{64}:1$/);
    expect(sim.stats().requests - before).toBe(0);
    expect(existsSync(`${file}.journal.jsonl`)).toBe(false);
  });
});

describe('models prices', () => {
  it('shows the price list of --provider with currency, unit and source, in --json', async () => {
    const u = await user();
    const result = await runCli(['models', '--provider', 'generate-task', '--json'], u);
    expect(result.code, result.stderr).toBe(0);
    const perSecond = [
      { unit: 'second', resolution: '720p', price: 0.08, currency: 'USD' },
      { unit: 'second', resolution: '1080p', price: 0.13, currency: 'USD' },
    ];
    const doc = parseJsonOutput(result) as { priceLists: unknown; providers: Record<string, unknown> };
    expect(doc.priceLists).toStrictEqual({
      apixo: {
        ...apixo,
        usedBy: ['generate-task'],
        models: { 'wan2.5-t2v-preview': perSecond, 'wan2.5-i2v-preview': perSecond },
      },
    });
    expect(doc.providers['generate-task']).toMatchObject({ priceList: 'apixo' });
  });

  it('prints each model a price line for the provider, and the source of the list', async () => {
    const u = await user();
    const result = await runCli(['models', '--provider', 'generate-task'], u);
    expect(result.code, result.stderr).toBe(0);
    const priceLines = result.stdout.split('\n').filter((line) => /price|^ {2}apixo:/.test(line));
    expect(priceLines).toStrictEqual([
      '  price (apixo): 0.08 USD/s at 720p, 0.13 USD/s at 1080p',
      '  price (apixo): 0.08 USD/s at 720p, 0.13 USD/s at 1080p',
      'price lists (estimates from published prices; a provider may bill otherwise):',
      `  apixo: apixo.ai, USD per second of video or per image, used for generate-task; source: ${apixo.source}`,
    ]);
  });

  it('says when the provider has no price list', async () => {
    const u = await user();
    const json = parseJsonOutput(await runCli(['models', '--provider', 'native', '--json'], u));
    expect(json.priceLists).toStrictEqual({});
    const text = await runCli(['models', '--provider', 'native'], u);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(
      "native: no published price list in wankit; a task's cost is what the provider reports, when it does.",
    );
  });

  it('lists every price list without --provider, each model priced by each list', async () => {
    const u = await user();
    const doc = parseJsonOutput(await runCli(['models', '--json'], u)) as {
      priceLists: Record<string, { currency: string; models: Record<string, unknown> }>;
    };
    expect(Object.keys(doc.priceLists)).toStrictEqual(['dashscope-cn', 'dashscope-intl', 'apixo']);
    expect(doc.priceLists['dashscope-cn']?.currency).toBe('CNY');
    expect(doc.priceLists['dashscope-intl']?.models['wan2.6-i2v-flash']).toStrictEqual([
      { unit: 'second', resolution: '720p', price: 0.05, currency: 'USD' },
      { unit: 'second', resolution: '1080p', price: 0.075, currency: 'USD' },
      { unit: 'second', resolution: '720p', silent: true, price: 0.025, currency: 'USD' },
      { unit: 'second', resolution: '1080p', silent: true, price: 0.0375, currency: 'USD' },
    ]);
  });
});
