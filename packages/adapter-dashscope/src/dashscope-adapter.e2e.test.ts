// Real tasks against the simulator over loopback HTTP, through core's client: every kind (and kf2v), cancel while
// PENDING, UNKNOWN after 24 h on the simulator's clock, and the temporary-upload flow.

import { runSimulatorEndToEnd } from '@wankit/contracts';
import { createClient, type GenerationRequest, WankitError } from '@wankit/core';
import { createFakeClock } from '@wankit/core/testing';
import { createManualClock, type Simulator, startSimulator } from '@wankit/simulator';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashScopeAdapter } from './dashscope-adapter.js';

// A real 1×1 PNG: core checks inline images by their bytes.
const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

runSimulatorEndToEnd({
  format: 'dashscope',
  createAdapter: () => createDashScopeAdapter(),
  requests: {
    'text-to-video': {
      kind: 'text-to-video',
      model: 'wan2.6-t2v',
      prompt: 'a kitten running in the moonlight',
      size: '1280*720',
      durationSeconds: 10,
      shotType: 'multi',
    },
    'image-to-video': {
      kind: 'image-to-video',
      model: 'wan2.7-i2v',
      prompt: 'the cat slowly turns its head',
      image: png,
      resolution: '720p',
    },
    'reference-to-video': {
      kind: 'reference-to-video',
      model: 'wan2.6-r2v',
      prompt: 'character1 walks character2 on the beach',
      references: ['https://example.com/girl.png', 'https://example.com/dog.mp4'],
      resolution: '720p',
    },
    'text-to-image': {
      kind: 'text-to-image',
      model: 'wan2.5-t2i-preview',
      prompt: 'a red apple on a white table',
      count: 2,
    },
  },
});

// First and last frame on /image2video/, in Beijing's spelling of the model (wanx2.1-…).
runSimulatorEndToEnd({
  format: 'dashscope',
  createAdapter: () => createDashScopeAdapter({ region: 'beijing' }),
  requests: {
    'image-to-video': {
      kind: 'image-to-video',
      model: 'wanx2.1-kf2v-plus',
      image: 'https://example.com/first.png',
      lastImage: png,
    },
  },
});

// The legacy first frame, wan3.0 and wan2.7 text-to-video, in the international spelling.
runSimulatorEndToEnd({
  format: 'dashscope',
  createAdapter: () => createDashScopeAdapter(),
  requests: {
    'text-to-video': {
      kind: 'text-to-video',
      model: 'wan2.7-t2v',
      prompt: 'a lighthouse',
      aspectRatio: '9:16',
    },
    'image-to-video': { kind: 'image-to-video', model: 'wanx2.1-i2v-turbo', image: png, durationSeconds: 3 },
    'reference-to-video': {
      kind: 'reference-to-video',
      model: 'wan3.0-video',
      prompt: 'Image 1 dances',
      references: ['https://example.com/girl.png'],
    },
  },
});

/** The typed error a call ends with (a success fails the test). */
async function failure(call: Promise<unknown>): Promise<WankitError> {
  const outcome = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!WankitError.isInstance(outcome)) throw new Error(`expected a WankitError, got ${String(outcome)}`);
  return outcome;
}

describe('DashScope on the simulator: cancel, expiry and uploads', () => {
  let simulator: Simulator;
  const simulatorClock = createManualClock(Date.UTC(2026, 0, 1));
  let live: Simulator;

  beforeAll(async () => {
    nock.enableNetConnect(/127\.0\.0\.1/);
    // A clock that moves only when told: tasks stay PENDING until it does.
    simulator = await startSimulator({ clock: simulatorClock, seed: 11 });
    live = await startSimulator({ timeScale: 0.002, seed: 12 });
  });
  afterAll(async () => {
    await simulator?.close();
    await live?.close();
  });

  const clientAt = (startMs: number, baseUrl: string, adapter = createDashScopeAdapter()) => {
    const clock = createFakeClock(startMs, { autoAdvance: true });
    const client = createClient({
      adapter,
      apiKey: 'sim-key',
      baseUrl,
      clock,
      limits: { requestsPerMinute: Number.POSITIVE_INFINITY, concurrentTasks: Number.POSITIVE_INFINITY },
    });
    return { client, clock };
  };
  const t2v: GenerationRequest = { kind: 'text-to-video', model: 'wan2.6-t2v', prompt: 'a slow sunrise' };

  it('cancels a PENDING task: the cancel answers {request_id}, the status then reads CANCELED', async () => {
    const { client } = clientAt(simulatorClock.now(), simulator.baseUrl);
    const { ref, snapshot } = await client.submit(t2v);
    expect(snapshot?.status).toBe('queued');
    const canceled = await client.cancel(ref);
    expect({ status: canceled.status, providerStatus: canceled.providerStatus }).toStrictEqual({
      status: 'canceled',
      providerStatus: 'CANCELED',
    });
    // Cancelling again: DashScope cancels PENDING tasks only.
    const error = await failure(client.cancel(ref));
    expect({ kind: error.kind, code: error.providerCode }).toStrictEqual({
      kind: 'invalid_request',
      code: 'UnsupportedOperation',
    });
    expect(error.message).toContain('DashScope cancels only PENDING tasks');
  });

  it('reads UNKNOWN for an id DashScope does not know as unknown while the task is young', async () => {
    const { client } = clientAt(simulatorClock.now(), simulator.baseUrl);
    const { ref } = await client.submit(t2v);
    const snapshot = await client.status({ ...ref, taskId: 'not-a-task-id' });
    expect({ status: snapshot.status, providerStatus: snapshot.providerStatus }).toStrictEqual({
      status: 'unknown',
      providerStatus: 'UNKNOWN',
    });
  });

  it('ends the wait with not_found once the task is older than 24 h and DashScope forgot it', async () => {
    const { client, clock } = clientAt(simulatorClock.now(), simulator.baseUrl);
    const { ref } = await client.submit(t2v);
    const day = 24 * 60 * 60 * 1000;
    // The task ends within minutes; DashScope keeps it 24 h after that. Both clocks move 25 h.
    simulatorClock.advance(day + 60 * 60 * 1000);
    await clock.advance(day + 60 * 60 * 1000);
    const error = await failure(client.wait(ref, { deadlineMs: 60_000 }));
    expect({ kind: error.kind, retryable: error.retryable, task: error.taskRef?.taskId }).toStrictEqual({
      kind: 'not_found',
      retryable: false,
      task: ref.taskId,
    });
    expect(error.message).toContain('task ids (and their results) are kept 24 h');
  });

  it('uploads inline images (getPolicy, the OSS form, oss://) and generates from them', async () => {
    const before = live.stats().formats.dashscope.requests.upload;
    const client = createClient({
      adapter: createDashScopeAdapter(),
      apiKey: 'sim-key',
      baseUrl: live.baseUrl,
      schedule: { timeScale: 0.002 },
    });
    // wan2.6 r2v takes no inline reference: only an uploaded one.
    const result = await client.generate(
      {
        kind: 'reference-to-video',
        model: 'wan2.6-r2v',
        prompt: 'character1 waves',
        references: [png],
        providerOptions: { dashscope: { upload: true } },
      },
      { deadlineMs: 20_000 },
    );
    expect(result.snapshot.status).toBe('succeeded');
    expect(result.snapshot.outputs).toHaveLength(1);
    // getPolicy and the form, once each.
    expect(live.stats().formats.dashscope.requests.upload).toBe(before + 2);
  });

  it('uploads a first and a last frame for kf2v, each under its own policy', async () => {
    const before = live.stats().formats.dashscope.requests.upload;
    const client = createClient({
      adapter: createDashScopeAdapter({ region: 'beijing' }),
      apiKey: 'sim-key',
      baseUrl: live.baseUrl,
      schedule: { timeScale: 0.002 },
    });
    const result = await client.generate(
      {
        kind: 'image-to-video',
        model: 'wan2.2-kf2v-flash',
        image: png,
        lastImage: png,
        providerOptions: { dashscope: { upload: true } },
      },
      { deadlineMs: 20_000 },
    );
    expect(result.snapshot.status).toBe('succeeded');
    expect(live.stats().formats.dashscope.requests.upload).toBe(before + 4);
  });

  it('sends the OSS form through core (context.postForm): the client’s fetch, no API key', async () => {
    const seen: { method: string; url: string; authorization: string | null; form: boolean }[] = [];
    const recording: typeof fetch = async (input, init) => {
      // ky hands a Request; postForm a URL and init. Read both without consuming a body.
      const request = input instanceof Request ? input : undefined;
      seen.push({
        method: init?.method ?? request?.method ?? 'GET',
        url: new URL(request?.url ?? String(input)).pathname,
        authorization: new Headers(init?.headers ?? request?.headers).get('authorization'),
        form: init?.body instanceof FormData,
      });
      return fetch(input, init);
    };
    const client = createClient({
      adapter: createDashScopeAdapter(),
      apiKey: 'sim-key',
      baseUrl: live.baseUrl,
      fetch: recording,
    });
    const { ref } = await client.submit({
      kind: 'image-to-video',
      model: 'wan2.6-i2v',
      image: png,
      providerOptions: { dashscope: { upload: true } },
    });
    expect(ref.taskId).toEqual(expect.any(String));
    const form = seen.filter((call) => call.form);
    // the policy GET and the create go to the API host with the key; the form to the OSS host without it
    expect(
      seen.filter((call) => !call.form).map((call) => [call.method, call.url, call.authorization]),
    ).toStrictEqual([
      ['GET', '/api/v1/uploads', 'Bearer sim-key'],
      ['POST', '/api/v1/services/aigc/video-generation/video-synthesis', 'Bearer sim-key'],
    ]);
    // `/__sim/oss` is the simulator's stand-in for the policy's OSS host
    expect(form).toStrictEqual([{ method: 'POST', url: '/__sim/oss', authorization: null, form: true }]);
  });
});
