// Runs the provider-swap and router examples of packages/core/README.md as written, against simulators: the only
// changes are the base URL (a loopback simulator instead of the provider's host), the poll schedule (the
// simulators run tasks 500× faster than the documented times) and the keys (environment).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const readmePath = new URL('../../../../packages/core/README.md', import.meta.url);

/** The first ```ts block after a heading. */
function exampleAfter(readme: string, heading: string): string {
  const at = readme.indexOf(heading);
  if (at < 0) throw new Error(`README has no "${heading}"`);
  const match = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match?.[1]) throw new Error(`no ts example after "${heading}"`);
  return match[1];
}

const timeScale = 0.002;

/** Points every adapter of an example at simulators, in order of appearance, polling on their time scale. */
function atSimulators(code: string, baseUrls: readonly string[]): string {
  let index = 0;
  const next = () => JSON.stringify(baseUrls[Math.min(index++, baseUrls.length - 1)]);
  return code
    .replace(/createClient\(\{ /g, `createClient({ schedule: { timeScale: ${timeScale} }, `)
    .replace(
      /createClient\(\{ (schedule: [^}]+\}, )?adapter, /g,
      (_all, schedule = '') => `createClient({ ${schedule}adapter, baseUrl: ${next()}, `,
    )
    .replace(
      /\{ adapter: (create\w+\([^)]*\)), /g,
      (_all, adapter: string) => `{ adapter: ${adapter}, baseUrl: ${next()}, `,
    );
}

/** The swap: comment out the active `const adapter = …` line and uncomment the one for `factory`. */
function swapTo(code: string, factory: string): string {
  return code
    .split('\n')
    .map((line) => {
      if (/^const adapter = /.test(line)) return line.includes(`${factory}(`) ? line : `// ${line}`;
      if (line.startsWith(`// const adapter = ${factory}(`)) return line.slice(3);
      return line;
    })
    .join('\n');
}

let dir: string;
let readme: string;
const sims: Simulator[] = [];
const env = { ...process.env };

beforeAll(async () => {
  readme = await readFile(readmePath, 'utf8');
  dir = await mkdtemp(join(tmpdir(), 'wankit-readme-'));
  for (let i = 0; i < 2; i++) {
    sims.push(await startSimulator({ port: 0, seed: 14 + i, timeScale }));
  }
  Object.assign(process.env, {
    WANKIT_API_KEY: 'sk-readme-swap-key',
    VTRIX_API_KEY: 'sk-readme-vtrix-key',
    DASHSCOPE_API_KEY: 'sk-readme-dashscope-key',
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const sim of sims) {
    sim.setFaults({});
    sim.reset();
  }
});
afterAll(async () => {
  process.env = env;
  await Promise.all(sims.map((sim) => sim.close()));
  await rm(dir, { recursive: true, force: true });
});

let run = 0;
/** Writes the example as a module and imports it (top-level await runs it); returns what it logged. */
async function runExample(code: string): Promise<unknown[][]> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const file = join(dir, `example-${run++}.ts`);
  await writeFile(file, code);
  await import(/* @vite-ignore */ file);
  return log.mock.calls;
}

describe('packages/core/README.md', () => {
  it.each([
    ['createNativeAdapter', 'native', 'native'],
    ['createV2Adapter', 'v2', 'v2'],
    ['createGenerateTaskAdapter', 'generate-task', 'generateTask'],
    ['createDashScopeAdapter', 'dashscope', 'dashscope'],
  ] as const)(
    'swapping providers: %s is one line and gives the same result',
    async (factory, adapterId, format) => {
      const [sim] = sims as [Simulator];
      const code = atSimulators(swapTo(exampleAfter(readme, '### Swapping providers'), factory), [
        sim.baseUrl,
      ]);
      // Exactly one active adapter line, the one asked for.
      expect(code.split('\n').filter((line) => line.startsWith('const adapter = '))).toEqual([
        expect.stringContaining(`${factory}(`),
      ]);
      const logged = await runExample(code);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.[0]).toBe(adapterId);
      expect(String(logged[0]?.[1])).toMatch(new RegExp(`^${sim.baseUrl}/`));
      expect(sim.stats().formats[format].creates).toBe(1);
    },
  );

  it('the router example falls back to the second provider when the first is down, creating once', async () => {
    const [down, up] = sims as [Simulator, Simulator];
    down.setFaults({ rates: { '503': 1 }, endpoints: ['create'] });
    const code = atSimulators(exampleAfter(readme, '### Falling back across providers'), [
      down.baseUrl,
      up.baseUrl,
    ]);
    const logged = await runExample(code);
    expect(logged).toEqual([['dashscope', up.baseUrl]]);
    expect(down.stats().formats.native.requests.create).toBe(1);
    expect(down.stats().formats.native.creates).toBe(0);
    expect(up.stats().formats.dashscope.creates).toBe(1);
  });
});
