// Every example runs as its users run it (a child process, the built packages) against a loopback
// simulator standing in for the provider: the task is created in callback mode and `generate` resolves
// from the callback the simulator delivers to the example's own server.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Simulator, startSimulator } from '@wankit/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ port: 0, host: '127.0.0.1', timeScale: 0.01, seed: 3 });
});
beforeEach(() => simulator.reset());
afterAll(() => simulator.close());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function runExample(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return freePort().then(
    (port) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          args,
          {
            cwd: here,
            timeout: 240_000,
            env: {
              PATH: process.env.PATH ?? '',
              APIXO_API_KEY: 'sim-key',
              APIXO_BASE_URL: simulator.baseUrl,
              PUBLIC_URL: `http://127.0.0.1:${port}`,
              PORT: String(port),
            },
          },
          (error, stdout, stderr) =>
            resolve({
              code: error ? Number(error.code ?? 1) : 0,
              stdout: String(stdout),
              stderr: String(stderr),
            }),
        );
      }),
  );
}

describe.each([
  ['node-http-callback.mjs', ['src/node-http-callback.mjs', 'a kitten in the moonlight']],
  ['hono-callback.ts', ['--import', 'tsx', 'src/hono-callback.ts']],
])('%s', (_name, args) => {
  it('generates a video on the simulator, finished by the delivered callback', async () => {
    const result = await runExample(args);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    const urls = result.stdout.trim().split('\n');
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(new RegExp(`^${simulator.baseUrl}/__sim/files/[^/]+\\.mp4$`));
    const stats = simulator.stats();
    expect(stats.formats.generateTask.creates).toBe(1);
    expect(stats.callbacks.delivered).toBe(1);
  });
});
