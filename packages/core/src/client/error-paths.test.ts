// Issue 12 item 6, and "the suite that keeps it": every error path of the client, printed the four ways an
// error gets printed (util.inspect / console.error, String, JSON.stringify, the cause chain's toString), with a
// canary key that must never appear.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { format, inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../clock/fake-clock.js';
import { WankitError } from '../errors/wankit-error.js';
import type { JournalRecord } from '../journal/journal-record.js';
import type { TextToVideoRequest } from '../spec/request.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { createClient } from './create-client.js';

const canary = 'sk-canary-4ways-9f8e7d6c5b4a3210';
const request: TextToVideoRequest = {
  kind: 'text-to-video',
  model: 'wan2.5-t2v-preview',
  prompt: 'a kitten',
  resolution: '720p',
};

function fourWays(error: unknown): Record<string, string> {
  const chain: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 12; depth++) {
    chain.push(String(current));
    current = (current as { cause?: unknown }).cause;
  }
  return {
    inspect: inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    'console.error': format(error),
    String: String(error),
    'JSON.stringify': JSON.stringify(error) ?? '',
    'cause chain': chain.join(' <- '),
  };
}

type Behaviour = (
  request: import('node:http').IncomingMessage,
  response: import('node:http').ServerResponse,
) => void;

/** A loopback server whose every answer is decided by the case; it echoes the Authorization header where it can. */
async function serve(behaviour: Behaviour): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(behaviour);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const echo =
  (status: number, contentType = 'application/json'): Behaviour =>
  (req, res) => {
    res.writeHead(status, { 'content-type': contentType, 'x-echo': String(req.headers.authorization) });
    res.end(
      contentType === 'application/json'
        ? JSON.stringify({ error: `bad key ${req.headers.authorization}` })
        : `<html>${req.headers.authorization}</html>`,
    );
  };

let closedPort: number;
beforeAll(async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
});

const seen: string[] = [];
afterAll(() => {
  console.log(`error paths printed four ways: ${seen.length}\n  ${seen.join('\n  ')}`);
});

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function expectNoCanary(label: string, error: unknown): void {
  expect(WankitError.isInstance(error), `${label}: ${String(error)}`).toBe(true);
  for (const [way, text] of Object.entries(fourWays(error))) {
    expect(text.includes(canary), `${label}, printed by ${way}:\n${text}`).toBe(false);
  }
  seen.push(`${label}: ${(error as WankitError).kind}`);
}

function client(baseUrl: string, extra: Partial<Parameters<typeof createClient>[0]> = {}) {
  return createClient({
    adapter: createFakeAdapter(),
    apiKey: canary,
    baseUrl,
    clock: createFakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true }),
    retry: { retries: 1, createRetries: 1 },
    ...extra,
  });
}

const ref = (baseUrl: string) => ({
  spec: 'wankit.task/v1' as const,
  adapter: 'fake',
  taskId: 't1',
  model: 'wan2.5-t2v-preview',
  providerModel: 'wan2_5-t2v-preview',
  kind: 'text-to-video' as const,
  submittedAt: '2026-01-01T00:00:00.000Z',
  baseUrl,
});

describe('every error path, printed four ways, never shows the key', () => {
  const httpCases: [string, Behaviour][] = [
    ['400 echoing the key', echo(400)],
    ['401 echoing the key', echo(401)],
    ['402', echo(402)],
    ['404', echo(404)],
    ['429', echo(429)],
    ['500 echoing the key', echo(500)],
    ['503', echo(503)],
    ['502 HTML echoing the key', echo(502, 'text/html')],
    ['200 HTML', echo(200, 'text/html')],
    ['200 truncated JSON', (req, res) => res.end(`{"task_id":"${req.headers.authorization}`)],
    ['reset after the request', (req) => req.socket.destroy()],
    [
      'headers then a reset body',
      (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write(`{"k":"${req.headers.authorization}`);
        setImmediate(() => req.socket.destroy());
      },
    ],
  ];

  for (const [label, behaviour] of httpCases) {
    it(`submit and status: ${label}`, async () => {
      const server = await serve(behaviour);
      try {
        expectNoCanary(`submit, ${label}`, await failureOf(() => client(server.url).submit(request)));
        expectNoCanary(`status, ${label}`, await failureOf(() => client(server.url).status(ref(server.url))));
      } finally {
        await server.close();
      }
    });
  }

  it('timeouts: a create and a read that get no answer', async () => {
    const server = await serve(() => undefined);
    try {
      const slow = client(server.url, { timeouts: { requestMs: 30 } });
      expectNoCanary('submit, timeout', await failureOf(() => slow.submit(request)));
      expectNoCanary('status, timeout', await failureOf(() => slow.status(ref(server.url))));
    } finally {
      await server.close();
    }
  });

  it('connection refused, a TLS handshake failure, a blocked port', async () => {
    expectNoCanary(
      'connection refused',
      await failureOf(() => client(`http://127.0.0.1:${closedPort}`).submit(request)),
    );
    const plain = await serve(echo(200));
    try {
      const tls = plain.url.replace('http://', 'https://');
      expectNoCanary('TLS handshake', await failureOf(() => client(tls).submit(request)));
    } finally {
      await plain.close();
    }
    expectNoCanary('blocked port', await failureOf(() => client('http://127.0.0.1:6000').submit(request)));
  });

  it('an abort mid-request, and a generate deadline cutting the create', async () => {
    const server = await serve(() => undefined);
    try {
      const controller = new AbortController();
      const pending = failureOf(() => client(server.url).submit(request, { signal: controller.signal }));
      setTimeout(() => controller.abort(new Error(`aborted holding ${canary}`)), 20);
      expectNoCanary('abort mid-request', await pending);
      expectNoCanary(
        'generate deadline',
        await failureOf(() => client(server.url).generate(request, { deadlineMs: 1_000 })),
      );
    } finally {
      await server.close();
    }
  });

  it('journal failures whose own message carries the key', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ task_id: 't1' }));
    });
    try {
      for (const failing of ['intent', 'submitted'] as const) {
        const journal = {
          read: async () => [],
          append: async (record: JournalRecord) => {
            if (record.type === failing)
              throw Object.assign(new Error(`EIO writing ${canary}`), { code: 'EIO', path: canary });
          },
        };
        expectNoCanary(
          `journal ${failing}`,
          await failureOf(() => client(server.url, { journal }).submit(request)),
        );
      }
    } finally {
      await server.close();
    }
  });

  it('validation, configuration and download errors', async () => {
    expectNoCanary(
      'validation',
      await failureOf(() =>
        client('https://api.fake.test').submit({
          ...request,
          prompt: ` ${canary} `,
          size: canary,
        } as unknown as TextToVideoRequest),
      ),
    );
    expectNoCanary(
      'blank prompt',
      await failureOf(() => client('https://api.fake.test').submit({ ...request, prompt: '   ' })),
    );
    expectNoCanary(
      'base URL with the key as credentials',
      await failureOf(async () => client(`https://user:${canary}@api.fake.test`)),
    );
    expectNoCanary(
      'foreign ref',
      await failureOf(() => client('https://api.fake.test').status(ref(`https://x.test/${canary}`))),
    );
    const server = await serve(echo(404));
    try {
      expectNoCanary(
        'download 404',
        await failureOf(() =>
          client(server.url).download(`${server.url}/file.mp4?token=${canary}`, { dir: '/tmp' }),
        ),
      );
    } finally {
      await server.close();
    }
  });
});
