// Spec v4 (ai 7) cannot be installed on Node 20 (ai@7 and @ai-sdk/provider@4 declare node >=22), so these tests
// call doStart/doStatus/doGenerate directly, as ai 7's start/status flow does (vercel/ai @ ed857f5,
// packages/ai/src/generate-video/generate-video.ts: one `idempotency-key` header per logical start, reused on retries).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGenerateTaskAdapter } from '@wankit/adapter-generate-task';
import { createNativeAdapter } from '@wankit/adapter-native';
import { createMemoryJournal, type WanAdapter, WankitError } from '@wankit/core';
import { createFileJournal } from '@wankit/core/node';
import type { Simulator } from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  JSONValue,
  VideoModelV4,
  VideoModelV4CallOptions,
  VideoModelV4OperationStatusResult,
  VideoModelV4OperationWebhook,
} from './spec-v4.js';
import { isPng, startTestSimulator, timeScale } from './test-support.js';
import { createWankit, type WankitProviderSettings } from './wankit-provider.js';

const callOptions = (overrides: Partial<VideoModelV4CallOptions> = {}): VideoModelV4CallOptions => ({
  prompt: 'a kitten running in the moonlight',
  n: 1,
  aspectRatio: undefined,
  resolution: undefined,
  duration: undefined,
  fps: undefined,
  seed: undefined,
  image: undefined,
  frameImages: undefined,
  inputReferences: undefined,
  generateAudio: undefined,
  providerOptions: {},
  ...overrides,
});

/** The rejection of a start, or its result. */
const settle = (pending: PromiseLike<unknown>): Promise<unknown> =>
  Promise.resolve(pending).catch((caught: unknown) => caught);

// Polls as ai 7 would, but fast: the simulator runs 500× faster than real time.
async function pollToEnd(
  model: VideoModelV4,
  operation: JSONValue,
): Promise<VideoModelV4OperationStatusResult> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const result = await model.doStatus!({ operation });
    if (result.status !== 'pending') return result;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('task did not finish within 20 s');
}

describe('spec v4: doStart / doStatus / doGenerate, called directly', () => {
  let simulator: Simulator;
  let dir: string;
  const provider = (
    settings: Partial<WankitProviderSettings> = {},
    adapter: WanAdapter = createNativeAdapter(),
  ) =>
    createWankit({
      adapter,
      apiKey: 'sim-key',
      baseUrl: simulator.baseUrl,
      schedule: { timeScale },
      specificationVersion: 'v4',
      ...settings,
    });
  const creates = () => simulator.stats().formats.native.creates;

  beforeAll(async () => {
    simulator = await startTestSimulator({ apiKey: 'sim-key' });
    dir = await mkdtemp(join(tmpdir(), 'wankit-ai-sdk-'));
  });
  afterAll(async () => {
    await simulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('doStart returns the JSON task ref as the operation; doStatus from another provider finishes it', async () => {
    const model = provider().video('wan2.6-t2v');
    expect(model.specificationVersion).toBe('v4');
    const started = await model.doStart!(callOptions({ resolution: '1280x720' }));
    expect(started.operation).toMatchObject({
      spec: 'wankit.task/v1',
      adapter: 'native',
      model: 'wan2.6-t2v',
      providerModel: 'wan26_t2v',
      kind: 'text-to-video',
      resolution: '720p',
      baseUrl: simulator.baseUrl,
    });
    expect(started.warnings).toEqual([]);
    expect(started.providerMetadata?.wankit).toMatchObject({ reattached: false });
    // "Another process": a new provider, the operation as it comes back from storage.
    const elsewhere = provider().video('wan2.6-t2v');
    const done = await pollToEnd(elsewhere, JSON.parse(JSON.stringify(started.operation)));
    expect(done.status).toBe('completed');
    if (done.status !== 'completed') return;
    expect(done.videos).toEqual([
      { type: 'url', url: expect.stringContaining(simulator.baseUrl), mediaType: 'video/mp4' },
    ]);
    expect(done.providerMetadata?.wankit).toMatchObject({
      status: 'succeeded',
      usage: { cost: expect.any(Number) },
    });
  });

  it('a doStart retried with the same idempotency key creates exactly one task', async () => {
    const model = provider().video('wan2.6-t2v');
    const before = creates();
    const headers = { 'Idempotency-Key': 'aisdk_vid_retry-1' };
    const first = await model.doStart!(callOptions({ headers }));
    const second = await model.doStart!(callOptions({ headers }));
    expect(creates()).toBe(before + 1);
    expect(second.operation).toEqual(first.operation);
    expect(second.providerMetadata?.wankit).toMatchObject({ key: 'aisdk_vid_retry-1', reattached: true });
  });

  it('a key reused for another model is refused instead of returning the other task', async () => {
    const wankit = provider();
    const headers = { 'idempotency-key': 'aisdk_vid_reused' };
    await wankit.video('wan2.6-t2v').doStart!(callOptions({ headers }));
    const before = creates();
    const error = await settle(wankit.video('wan2.2-t2v-plus').doStart!(callOptions({ headers })));
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'idempotency-key' });
    expect(creates()).toBe(before);
  });

  it('two concurrent doStarts with the same key share one create', async () => {
    const model = provider().video('wan2.6-t2v');
    const before = creates();
    const headers = { 'idempotency-key': 'aisdk_vid_race-1' };
    const [a, b] = await Promise.all([
      model.doStart!(callOptions({ headers })),
      model.doStart!(callOptions({ headers })),
    ]);
    expect(creates()).toBe(before + 1);
    expect(a.operation).toEqual(b.operation);
  });

  it('with a file journal, a start retried by another process re-attaches instead of paying again', async () => {
    const path = join(dir, 'journal.jsonl');
    const before = creates();
    const headers = { 'idempotency-key': 'aisdk_vid_process-1' };
    const first = await provider({ journal: createFileJournal(path) }).video('wan2.6-t2v').doStart!(
      callOptions({ headers }),
    );
    const second = await provider({ journal: createFileJournal(path) }).video('wan2.6-t2v').doStart!(
      callOptions({ headers }),
    );
    expect(creates()).toBe(before + 1);
    expect(second.operation).toEqual(first.operation);
  });

  it('a key whose earlier create has an unknown outcome is never sent again', async () => {
    const journal = createMemoryJournal();
    await journal.append({
      type: 'intent',
      key: 'aisdk_vid_crashed',
      at: new Date().toISOString(),
      fingerprint: 'f',
      adapter: 'native',
      model: 'wan2.6-t2v',
      kind: 'text-to-video',
      request: { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'a kitten' },
    });
    const before = creates();
    const model = provider({ journal }).video('wan2.6-t2v');
    const error = await settle(
      model.doStart!(callOptions({ headers: { 'idempotency-key': 'aisdk_vid_crashed' } })),
    );
    expect(WankitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'submit_uncertain' });
    expect(creates()).toBe(before);
  });

  it('a key whose earlier create was refused may be sent again', async () => {
    const journal = createMemoryJournal();
    const headers = { 'idempotency-key': 'aisdk_vid_refused' };
    const refusing = provider({ journal, apiKey: 'wrong-key' }).video('wan2.6-t2v');
    const refused = await settle(refusing.doStart!(callOptions({ headers })));
    expect(refused).toMatchObject({ statusCode: 401, isRetryable: false });
    const before = creates();
    const started = await provider({ journal }).video('wan2.6-t2v').doStart!(callOptions({ headers }));
    expect(creates()).toBe(before + 1);
    expect(started.providerMetadata?.wankit).toMatchObject({ reattached: false });
  });

  it('doStatus reports a failed task as an error result, and refuses an operation that is no wankit ref', async () => {
    const model = provider().video('wan2.6-t2v');
    const started = await model.doStart!(callOptions({ prompt: 'a kitten [[unsafe]]' }));
    const done = await pollToEnd(model, started.operation);
    expect(done).toMatchObject({ status: 'error', error: expect.stringContaining('(content_policy)') });
    await expect(model.doStatus!({ operation: { taskId: 'x' } })).rejects.toMatchObject({
      kind: 'invalid_request',
      field: 'operation',
    });
    const foreign = { ...(started.operation as Record<string, JSONValue>), adapter: 'v2' };
    await expect(model.doStatus!({ operation: foreign })).rejects.toMatchObject({ kind: 'invalid_request' });
  });

  it('doGenerate waits with wankit’s scheduler; images come back as bytes', async () => {
    const video = await provider().video('wan2.6-t2v').doGenerate!(callOptions());
    expect(video.videos).toHaveLength(1);
    const image = await provider().image('wan2.5-t2i-preview').doGenerate({
      prompt: 'a red apple',
      n: 1,
      size: undefined,
      aspectRatio: undefined,
      seed: undefined,
      files: undefined,
      mask: undefined,
      providerOptions: {},
    });
    expect(image.images).toHaveLength(1);
    expect(isPng(image.images[0] as Uint8Array)).toBe(true);
  });

  it('offers handleWebhookOption only for adapters whose provider calls back', () => {
    expect(provider().video('wan2.6-t2v').handleWebhookOption).toBeUndefined();
    const callbacks = provider({}, createGenerateTaskAdapter()).video('wan2.5-t2v-preview');
    expect(typeof callbacks.handleWebhookOption).toBe('function');
  });

  it('webhook flow (generateTask): the provider calls the URL from the webhook factory, then doStatus completes', async () => {
    let server: Server | undefined;
    try {
      let resolveReceived!: (webhook: VideoModelV4OperationWebhook) => void;
      const received = new Promise<VideoModelV4OperationWebhook>((resolve) => {
        resolveReceived = resolve;
      });
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => {
          body += chunk;
        });
        request.on('end', () => {
          response.end('ok');
          resolveReceived({ headers: request.headers as Record<string, string>, body: JSON.parse(body) });
        });
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const model = provider({}, createGenerateTaskAdapter({ allowLoopbackHttpCallbacks: true })).video(
        'wan2.5-t2v-preview',
      );
      const hook = await model.handleWebhookOption!({
        webhook: async () => ({ url: `http://127.0.0.1:${port}/hook`, received }),
      });
      const started = await model.doStart!({ ...callOptions(), webhookUrl: hook.webhookUrl });
      const webhook = await hook.received;
      expect(webhook.body).toMatchObject({
        data: { taskId: (started.operation as { taskId: string }).taskId },
      });
      const done = await model.doStatus!({ operation: started.operation });
      expect(done.status).toBe('completed');
      await simulator.idle();
      expect(simulator.stats().callbacks.delivered).toBeGreaterThanOrEqual(1);
    } finally {
      await new Promise((resolve) => server?.close(resolve));
    }
  });
});
