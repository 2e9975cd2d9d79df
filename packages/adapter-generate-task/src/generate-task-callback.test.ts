import {
  type AdapterCallContext,
  createCallbackHandler,
  createCallbackRegistry,
  type TaskSnapshot,
  validateRequest,
  type WireRequest,
} from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { createGenerateTaskAdapter } from './generate-task-adapter.js';

// The adapter's parseCallback behind core's framework-neutral handler, as an application mounts it.

const publicBaseUrl = 'https://app.example.test/wankit/callback';

const success = {
  code: 200,
  message: 'success',
  data: {
    taskId: 'task_cb_1',
    state: 'success',
    resultJson: '{"resultUrls":["https://cdn.apixo.ai/output/cb.mp4"]}',
    costTime: 61000,
    createTime: 1767225600000,
    completeTime: 1767225661000,
  },
};

async function submittedWithCallback() {
  const adapter = createGenerateTaskAdapter();
  const registry = createCallbackRegistry({ publicBaseUrl });
  const registration = registry.register({ key: 'job-1' });
  const sent: WireRequest[] = [];
  const context: AdapterCallContext = {
    http: {
      async send(request) {
        sent.push(request);
        const text = JSON.stringify({ code: 200, message: 'success', data: { taskId: 'task_cb_1' } });
        return {
          status: 200,
          headers: new Headers(),
          text,
          url: 'https://api.apixo.ai/api/v1/generateTask/wan-2-5',
        };
      },
    },
    now: () => new Date('2026-01-01T00:00:00.000Z'),
  };
  const { request, model } = validateRequest({
    kind: 'text-to-video',
    model: 'wan2.5-t2v-preview',
    prompt: 'waves',
  });
  const { ref } = await adapter.submit({ request, model, callbackUrl: registration.url }, context);
  registry.bind(registration.key, ref);
  const applied: TaskSnapshot[] = [];
  const handler = createCallbackHandler({
    adapter,
    registry,
    maxBodyBytes: 4096,
    onSnapshot: (s) => void applied.push(s),
  });
  const post = (url: string, body: string) => handler(new Request(url, { method: 'POST', body }));
  return { registry, registration, sent, post, applied, ref };
}

describe('callbacks through core’s handler', () => {
  it('sends the registered URL and applies the first delivery once, ignoring the provider’s retries', async () => {
    const { registry, registration, sent, post, applied } = await submittedWithCallback();
    expect(sent[0]!.json).toStrictEqual({
      request_type: 'callback',
      callback_url: registration.url,
      input: { mode: 'text-to-video', prompt: 'waves' },
    });
    const first = await post(registration.url, JSON.stringify(success));
    expect(first.status).toBe(200);
    expect(await first.json()).toStrictEqual({ ok: true, outcome: 'applied' });
    const snapshot = await registry.delivered(registration.key);
    expect(snapshot.status).toBe('succeeded');
    expect(snapshot.outputs).toStrictEqual([
      { kind: 'video', url: 'https://cdn.apixo.ai/output/cb.mp4', expiresAt: '2026-01-16T00:01:01.000Z' },
    ]);
    // The provider retries up to 3 times (wire-formats §3.8): each retry is acknowledged and changes nothing.
    const failedReplay = {
      ...success,
      data: { ...success.data, state: 'failed', failCode: 'GENERATION_FAILED' },
    };
    for (const body of [success, success, failedReplay]) {
      const retry = await post(registration.url, JSON.stringify(body));
      expect(retry.status).toBe(200);
      expect(await retry.json()).toStrictEqual({ ok: true, outcome: 'duplicate' });
    }
    expect(registry.result(registration.key)).toBe(snapshot);
    await Promise.resolve();
    expect(applied).toHaveLength(1);
  });

  it('rejects forged, oversized and malformed deliveries without touching the task', async () => {
    const { registry, registration, post } = await submittedWithCallback();
    const forged = registration.url.replace(/wankit_token=[^&]+/, 'wankit_token=guessed');
    expect((await post(forged, JSON.stringify(success))).status).toBe(401);
    expect((await post(registration.url, 'x'.repeat(5000))).status).toBe(413);
    expect((await post(registration.url, '{"code":200,')).status).toBe(400);
    const broken = { ...success, data: { ...success.data, resultJson: '{"resultUrls":' } };
    expect((await post(registration.url, JSON.stringify(broken))).status).toBe(400);
    const otherTask = { ...success, data: { ...success.data, taskId: 'task_someone_else' } };
    expect((await post(registration.url, JSON.stringify(otherTask))).status).toBe(400);
    expect(registry.result(registration.key)).toBeUndefined();
    expect((await post(registration.url, JSON.stringify(success))).status).toBe(200);
    expect(registry.result(registration.key)?.status).toBe('succeeded');
  });
});
