// Warnings, aborts, usage and errors as an app using `ai` 6 sees them, against the simulator.
import { APICallError } from '@ai-sdk/provider';
import { createNativeAdapter } from '@wankit/adapter-native';
import { createMemoryJournal, type JournalRecord, WankitError } from '@wankit/core';
import type { Simulator } from '@wankit/simulator';
import { experimental_generateVideo as generateVideo, NoSuchModelError } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMp4, loopbackDownload, startTestSimulator, timeScale } from './test-support.js';
import { createWankit } from './wankit-provider.js';

const secret = 'sk-live-do-not-leak-4242';

describe('@wankit/ai-sdk behaviour under ai 6 (native adapter, simulator)', () => {
  let simulator: Simulator;
  const provider = (apiKey = 'sim-key') =>
    createWankit({
      adapter: createNativeAdapter(),
      apiKey,
      baseUrl: simulator.baseUrl,
      schedule: { timeScale },
    });
  const creates = () => simulator.stats().formats.native.creates;

  beforeAll(async () => {
    simulator = await startTestSimulator({ apiKey: 'sim-key' });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('reports what it could not honour as AI SDK warnings, and still makes the video', async () => {
    const result = await generateVideo({
      model: provider().video('wan2.6-t2v'),
      prompt: 'a kitten running in the moonlight',
      aspectRatio: '21:9',
      fps: 24,
      providerOptions: { wankit: { colour: 'blue' } },
      download: loopbackDownload,
    });
    expect(isMp4(result.video.uint8Array)).toBe(true);
    expect(result.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.wankit.colour',
        details: expect.stringContaining('not a wankit option'),
      },
      { type: 'unsupported', feature: 'fps', details: 'Wan models render at their own frame rate' },
      {
        type: 'unsupported',
        feature: 'aspectRatio',
        details: '21:9 is not offered (Wan: 16:9, 9:16, 1:1, 4:3, 3:4)',
      },
    ]);
  });

  it('passes core validation warnings through (audio on a model without sound)', async () => {
    const result = await generateVideo({
      model: provider().video('wan2.2-t2v-plus'),
      prompt: 'a kitten',
      generateAudio: true,
      download: loopbackDownload,
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported', feature: 'generateAudio' }),
    ]);
  });

  it('puts usage and the JSON task ref in providerMetadata.wankit; the ref polls from a fresh provider', async () => {
    const result = await generateVideo({
      model: provider().video('wan2.6-t2v'),
      prompt: 'a kitten',
      resolution: '1920x1080',
      duration: 5,
      download: loopbackDownload,
    });
    const metadata = result.providerMetadata.wankit as Record<string, unknown>;
    expect(metadata.usage).toEqual(expect.objectContaining({ cost: expect.any(Number) }));
    const ref = JSON.parse(JSON.stringify(metadata.taskRef));
    const snapshot = await provider().client.status(ref);
    expect(snapshot.status).toBe('succeeded');
    expect(snapshot.ref.taskId).toBe(metadata.taskId);
  });

  it('n = 2 makes two tasks (one video per call), as maxVideosPerCall says', async () => {
    const before = creates();
    const result = await generateVideo({
      model: provider().video('wan2.6-t2v'),
      prompt: 'a kitten',
      n: 2,
      download: loopbackDownload,
    });
    expect(result.videos).toHaveLength(2);
    expect(creates()).toBe(before + 2);
  });

  it('a call repeated with the same idempotency-key header re-attaches to its task instead of paying again', async () => {
    const wankit = provider();
    const call = () =>
      generateVideo({
        model: wankit.video('wan2.6-t2v'),
        prompt: 'a kitten',
        headers: { 'idempotency-key': 'order-77' },
        download: loopbackDownload,
      });
    const before = creates();
    const first = await call();
    const second = await call();
    expect(creates()).toBe(before + 1);
    const taskOf = (result: typeof first) => (result.providerMetadata.wankit as { taskId: string }).taskId;
    expect(taskOf(second)).toBe(taskOf(first));
  });

  it('returns the bytes itself when asked (videoOutput: binary)', async () => {
    const result = await generateVideo({
      model: provider().video('wan2.6-t2v'),
      prompt: 'a kitten',
      providerOptions: { wankit: { videoOutput: 'binary' } },
      // No download function: the AI SDK's own would refuse the simulator's loopback URL.
    });
    expect(isMp4(result.video.uint8Array)).toBe(true);
  });

  it('refuses bad input with a typed error before anything is sent', async () => {
    const before = creates();
    const error = await generateVideo({
      model: provider().video('wan2.6-t2v'),
      prompt: 'a kitten',
      duration: 99,
      download: loopbackDownload,
    }).catch((caught: unknown) => caught);
    expect(WankitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'invalid_request', field: 'durationSeconds' });
    expect(creates()).toBe(before);
  });

  it('a refused key is an APICallError (401, not retryable) whose message and data never hold the key', async () => {
    const before = simulator.stats().formats.native.unauthorized;
    const error = await generateVideo({
      model: provider(secret).video('wan2.6-t2v'),
      prompt: 'a kitten',
      download: loopbackDownload,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(401);
    expect(apiError.isRetryable).toBe(false);
    expect(apiError.url).toBe(simulator.baseUrl);
    expect(WankitError.isInstance(apiError.cause)).toBe(true);
    expect((apiError.cause as WankitError).kind).toBe('authentication');
    // One create tried, not three: the AI SDK does not retry what cannot succeed.
    expect(simulator.stats().formats.native.unauthorized).toBe(before + 1);
    const everything = JSON.stringify({
      message: apiError.message,
      data: apiError.data,
      stack: apiError.stack,
    });
    expect(everything).not.toContain(secret);
    expect(String(apiError.cause)).not.toContain(secret);
  });

  it('a task the provider refuses ends as a content_policy WankitError carrying the task ref', async () => {
    const error = await generateVideo({
      model: provider().video('wan2.6-t2v'),
      prompt: 'a kitten [[unsafe]]',
      download: loopbackDownload,
    }).catch((caught: unknown) => caught);
    expect(WankitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'content_policy', taskRef: { adapter: 'native' } });
  });

  it('an abort before the start sends nothing; an abort while waiting ends the call and keeps the task ref', async () => {
    const before = creates();
    const aborted = await generateVideo({
      model: provider().video('wan2.6-t2v'),
      prompt: 'a kitten',
      abortSignal: AbortSignal.abort(),
      download: loopbackDownload,
    }).catch((caught: unknown) => caught);
    expect(aborted).toMatchObject({ kind: 'aborted' });
    expect(creates()).toBe(before);

    // A slow simulator (real time): the task runs for a minute; the call is aborted once the task is journaled
    // as submitted (the client holds its ref and is waiting), which a journal wrapper tells without timing.
    const slow = await startTestSimulator({ timeScale: 1 });
    try {
      const controller = new AbortController();
      const memory = createMemoryJournal();
      let submitted!: () => void;
      const isSubmitted = new Promise<void>((resolve) => {
        submitted = resolve;
      });
      const journal = {
        read: () => memory.read(),
        append: async (record: JournalRecord) => {
          await memory.append(record);
          if (record.type === 'submitted') submitted();
        },
      };
      const model = createWankit({
        adapter: createNativeAdapter(),
        apiKey: 'k',
        baseUrl: slow.baseUrl,
        journal,
      }).video('wan2.6-t2v');
      const pending = generateVideo({
        model,
        prompt: 'a kitten',
        abortSignal: controller.signal,
        download: loopbackDownload,
      }).catch((caught: unknown) => caught);
      await isSubmitted;
      controller.abort();
      const error = await pending;
      expect(error).toMatchObject({ kind: 'aborted', taskRef: { adapter: 'native' } });
      expect(slow.stats().formats.native.creates).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('refuses a model of the other kind at once, as AI SDK providers do', () => {
    expect(() => provider().image('wan2.6-t2v')).toThrow(NoSuchModelError);
    expect(() => provider().video('wan2.5-t2i-preview')).toThrow(NoSuchModelError);
    expect(() => provider().languageModel('qwen-max')).toThrow(NoSuchModelError);
    expect(provider().videoModel('wan2.6-t2v').provider).toBe('wankit.native');
  });
});
