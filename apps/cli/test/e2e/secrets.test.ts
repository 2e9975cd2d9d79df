// Issue 12 items 6 and 8 through the CLI: a server that echoes the Authorization header in every answer, for
// every adapter and every way a command reports (text, --json, the journal). The key appears nowhere.

import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../in-process.js';
import { freshUser } from './harness.js';

const canary = 'sk-canary-cli-0f1e2d3c4b5a69788796';

type Answer = (req: IncomingMessage, res: ServerResponse) => void;
const answers: Record<string, Answer> = {
  '401 echo': (req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { message: `invalid key ${req.headers.authorization}` },
        message: `${req.headers.authorization}`,
      }),
    );
  },
  '500 echo': (req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 500, message: `upstream saw ${req.headers.authorization}` }));
  },
  'HTML echo': (req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end(`<html><body>${req.headers.authorization}</body></html>`);
  },
  'malformed 200 echo': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"data":{"taskId":"${req.headers.authorization}`);
  },
  reset: (req) => req.socket.destroy(),
};

let server: Server;
let baseUrl: string;
let current: Answer = answers['401 echo']!;
beforeAll(async () => {
  server = createServer((req, res) => current(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the key never shows, whatever the server answers', () => {
  // The limit is a hang guard: nothing here waits on time.
  it('video, status and batch, for every adapter, text and --json, and the journal', {
    timeout: 300_000,
  }, async () => {
    const user = await freshUser();
    const env = { ...user.env, WANKIT_API_KEY: canary };
    const journal = join(user.cwd, 'j.jsonl');
    await writeFile(join(user.cwd, 'b.jsonl'), '{"prompt":"a kite"}\n');
    const ref = (adapter: string) =>
      JSON.stringify({
        spec: 'wankit.task/v1',
        adapter,
        taskId: 't1',
        model: 'wan2.5-t2v-preview',
        providerModel: 'wan-2-5',
        kind: 'text-to-video',
        submittedAt: '2026-01-01T00:00:00Z',
        baseUrl,
      });
    let runs = 0;
    for (const [label, answer] of Object.entries(answers)) {
      current = answer;
      for (const provider of ['native', 'v2', 'generate-task']) {
        const connection = ['--provider', provider, '--base-url', baseUrl, '--journal', journal];
        const model = provider === 'v2' ? 'wan2.2-t2v-plus' : 'wan2.5-t2v-preview';
        // Status reads are retried with real backoff on 5xx and resets: read once where that is quick.
        const reads = label === '401 echo' || label === 'malformed 200 echo';
        for (const args of [
          ['video', 'a kite', ...connection, '--model', model],
          ['video', 'a kite', ...connection, '--model', model, '--json'],
          ...(reads
            ? [
                ['status', ref(provider), ...connection],
                ['status', ref(provider), ...connection, '--json'],
              ]
            : []),
          ['batch', 'b.jsonl', ...connection, '--model', model, '--json', '--resubmit-uncertain'],
        ]) {
          const result = await runInProcess(args, { ...user, env });
          runs += 1;
          const where = `${label} / ${provider} / ${args[0]}${args.includes('--json') ? ' --json' : ''}`;
          expect(result.code, `${where}: ${result.stderr}`).not.toBe(0);
          expect(result.stdout, where).not.toContain(canary);
          expect(result.stderr, where).not.toContain(canary);
        }
      }
    }
    expect(await readFile(journal, 'utf8')).not.toContain(canary);
    console.log(`secret checks through the CLI: ${runs} runs`);
  });
});
