import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { advanceTo, call, startTestSimulator } from '../../test/sim-test-kit.js';

const T0_MS = 1767225600000;

/** A loopback callback receiver answering 200, closed after the test. */
async function startReceiver(): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

describe('generateTask format', () => {
  it('answers the envelope and walks pending → processing → success with resultJson as a string', async () => {
    const { sim, clock } = await startTestSimulator();
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', {
      request_type: 'async',
      provider: 'auto',
      input: {
        mode: 'text-to-video',
        prompt: 'a serene mountain landscape',
        resolution: '1080p',
        duration: 10,
        aspect_ratio: '16:9',
        negative_prompt: 'low quality, blurry',
        enable_prompt_expansion: true,
      },
    });
    expect(created.status).toBe(200);
    const taskId = created.json.data.taskId as string;
    expect(taskId).toMatch(/^task_\d{8}$/);
    expect(created.json).toEqual({ code: 200, message: 'success', data: { taskId } });

    const task = sim.tasks.get('generateTask', taskId)!;
    expect(task.endAt - task.createdAt).toBeGreaterThanOrEqual(70_000);
    expect(task.endAt - task.createdAt).toBeLessThanOrEqual(90_000);
    const read = async () => (await call(sim, 'GET', `/api/v1/statusTask/wan-2-5?taskId=${taskId}`)).json;

    expect(await read()).toEqual({
      code: 200,
      message: 'success',
      data: { taskId, state: 'pending', createTime: T0_MS },
    });
    advanceTo(clock, task.startAt + 1);
    expect(await read()).toEqual({
      code: 200,
      message: 'success',
      data: { taskId, state: 'processing', createTime: T0_MS },
    });
    advanceTo(clock, task.endAt);
    const done = await read();
    expect(done).toEqual({
      code: 200,
      message: 'success',
      data: {
        taskId,
        state: 'success',
        resultJson: JSON.stringify({ resultUrls: task.resultUrls }),
        costTime: task.endAt - T0_MS,
        createTime: T0_MS,
        completeTime: task.endAt,
      },
    });
    expect(typeof done.data.resultJson).toBe('string');
    expect(JSON.parse(done.data.resultJson).resultUrls[0]).toMatch(/\/__sim\/files\/[0-9a-f]{16}\.mp4$/);
  });

  it('reports a content-policy failure as HTTP 200 / code 200 with failCode and failMsg', async () => {
    const { sim, clock } = await startTestSimulator();
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', {
      input: { prompt: 'please [[unsafe]]' },
    });
    const task = sim.tasks.get('generateTask', created.json.data.taskId)!;
    advanceTo(clock, task.endAt);
    const failed = await call(sim, 'GET', `/api/v1/statusTask/wan-2-5?taskId=${task.id}`);
    expect(failed.status).toBe(200);
    expect(failed.json).toEqual({
      code: 200,
      message: 'success',
      data: {
        taskId: task.id,
        state: 'failed',
        failCode: 'CONTENT_VIOLATION',
        failMsg: 'Content violates safety guidelines',
        createTime: T0_MS,
        completeTime: task.endAt,
      },
    });
  });

  it('uses the 720p range and the defaults when the input names only a prompt', async () => {
    const { sim } = await startTestSimulator();
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', { input: { prompt: 'x' } });
    const task = sim.tasks.get('generateTask', created.json.data.taskId)!;
    expect(task.endAt - task.createdAt).toBeGreaterThanOrEqual(50_000);
    expect(task.endAt - task.createdAt).toBeLessThanOrEqual(70_000);
  });

  it('returns num_images PNGs for wan-2-5-image', async () => {
    const { sim, clock } = await startTestSimulator();
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5-image', {
      input: { mode: 'text-to-image', prompt: 'apple', num_images: 3, aspect_ratio: '16:9' },
    });
    const task = sim.tasks.get('generateTask', created.json.data.taskId)!;
    advanceTo(clock, task.endAt);
    const done = await call(sim, 'GET', `/api/v1/statusTask/wan-2-5-image?taskId=${task.id}`);
    const urls = JSON.parse(done.json.data.resultJson).resultUrls as string[];
    expect(urls).toHaveLength(3);
    const png = Buffer.from(await (await fetch(urls[0]!)).arrayBuffer());
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1696, 960]);
  });

  it.each([
    [{ input: { mode: 'text-to-video' } }, 'Missing required field: input.prompt'],
    [{ request_type: 'callback', input: { prompt: 'x' } }, 'Missing required field: callback_url'],
    [
      { request_type: 'sync', input: { prompt: 'x' } },
      'Invalid value for request_type: "sync"; allowed: async, callback',
    ],
    [
      { provider: 'cheap', input: { prompt: 'x' } },
      'Invalid value for provider: "cheap"; allowed: auto, value, official',
    ],
    [
      { input: { prompt: 'x', resolution: '720P' } },
      'Invalid value for input.resolution: "720P"; allowed: 720p, 1080p',
    ],
    [{ input: { prompt: 'x', duration: 15 } }, 'Invalid value for input.duration: 15; allowed: 5, 10'],
    [{ input: { prompt: 'x', duration: '5' } }, 'Invalid value for input.duration: "5"; allowed: 5, 10'],
    [
      { input: { prompt: 'x', aspect_ratio: '4:3' } },
      'Invalid value for input.aspect_ratio: "4:3"; allowed: 16:9, 9:16, 1:1',
    ],
    [{ input: { mode: 'image-to-video', prompt: 'x' } }, 'Missing required field: input.image_urls'],
    [
      { input: { mode: 'image-to-video', prompt: 'x', image_urls: ['https://a/1.jpg', 'https://a/2.jpg'] } },
      'Invalid value for input.image_urls: ["https://a/1.jpg","https://a/2.jpg"]; allowed: an array of exactly 1 http(s) URL(s)',
    ],
    [{ input: { prompt: 'x'.repeat(801) } }, 'input.prompt must be 1-800 characters, got 801'],
    [{ prompt: 'x' }, 'Missing required field: input'],
  ])('answers 400 with the envelope for %j', async (body, error) => {
    const { sim } = await startTestSimulator();
    const response = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ code: 400, message: 'Invalid request', data: { error } });
  });

  it('answers 404 for an unknown model, an unknown task and a task asked for under another model', async () => {
    const { sim } = await startTestSimulator();
    const unknownModel = await call(sim, 'POST', '/api/v1/generateTask/wan-9', { input: { prompt: 'x' } });
    expect(unknownModel.status).toBe(404);
    expect(unknownModel.json).toEqual({ code: 404, message: 'Model not found', data: null });

    const unknownTask = await call(sim, 'GET', '/api/v1/statusTask/wan-2-5?taskId=task_12345678');
    expect(unknownTask.status).toBe(404);
    expect(unknownTask.json).toEqual({ code: 404, message: 'Task not found', data: null });

    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', { input: { prompt: 'x' } });
    const elsewhere = await call(
      sim,
      'GET',
      `/api/v1/statusTask/wan-2-6-video?taskId=${created.json.data.taskId}`,
    );
    expect(elsewhere.status).toBe(404);
    expect(sim.stats().formats.generateTask.notFound).toBe(3);
  });

  it('answers 400 when the taskId query parameter is missing', async () => {
    const { sim } = await startTestSimulator();
    const response = await call(sim, 'GET', '/api/v1/statusTask/wan-2-5');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      code: 400,
      message: 'Invalid request',
      data: { error: 'Missing required query parameter: taskId' },
    });
  });

  it("answers as kie.ai's same-shaped API when generateTaskDialect is kie", async () => {
    const { sim, clock } = await startTestSimulator({ generateTaskDialect: 'kie' });
    const receiver = await startReceiver();
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', {
      request_type: 'callback',
      callback_url: receiver.url,
      input: { prompt: 'x' },
    });
    const taskId = created.json.data.taskId as string;
    expect(taskId).toMatch(/^[0-9a-f]{32}$/);
    expect(created.json).toEqual({ code: 200, msg: 'success', data: { taskId } });
    const task = sim.tasks.get('generateTask', taskId)!;
    const read = async () => (await call(sim, 'GET', `/api/v1/statusTask/wan-2-5?taskId=${taskId}`)).json;
    const base = { taskId, model: 'wan-2-5', createTime: T0_MS };
    const open = { resultJson: null, failCode: null, failMsg: null, costTime: null, completeTime: null };
    expect(await read()).toEqual({
      code: 200,
      msg: 'success',
      data: { ...base, ...open, state: 'waiting', updateTime: T0_MS },
    });
    advanceTo(clock, task.startAt + 1);
    expect((await read()).data).toEqual({ ...base, ...open, state: 'generating', updateTime: task.startAt });
    advanceTo(clock, task.endAt);
    const done = {
      ...base,
      state: 'success',
      resultJson: JSON.stringify({ resultUrls: task.resultUrls }),
      failCode: '',
      failMsg: '',
      completeTime: task.endAt,
      updateTime: task.endAt,
    };
    expect(await read()).toEqual({
      code: 200,
      msg: 'success',
      data: { ...done, costTime: task.endAt - T0_MS },
    });
    // The delivery: kie's callback message, costTime in seconds.
    await sim.idle();
    expect(receiver.bodies).toEqual([
      {
        code: 200,
        msg: 'Playground task completed successfully.',
        data: { ...done, costTime: Math.round((task.endAt - T0_MS) / 1000) },
      },
    ]);
  });

  it('tells a kie generation failure by the envelope code on a status read, and wraps its callback in 501', async () => {
    const { sim, clock } = await startTestSimulator({ generateTaskDialect: 'kie' });
    const receiver = await startReceiver();
    const created = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', {
      request_type: 'callback',
      callback_url: receiver.url,
      input: { prompt: '[[fail]]' },
    });
    const task = sim.tasks.get('generateTask', created.json.data.taskId)!;
    advanceTo(clock, task.endAt);
    const failed = await call(sim, 'GET', `/api/v1/statusTask/wan-2-5?taskId=${task.id}`);
    expect(failed.status).toBe(200);
    expect(failed.json).toEqual({ code: 501, msg: 'Generation Failed', data: null });
    await sim.idle();
    expect(receiver.bodies[0]).toMatchObject({
      code: 501,
      msg: 'Playground task failed.',
      data: { taskId: task.id, state: 'fail', failCode: '500', failMsg: 'Internal server error' },
    });

    const unsafe = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', {
      input: { prompt: '[[unsafe]]' },
    });
    const refused = sim.tasks.get('generateTask', unsafe.json.data.taskId)!;
    advanceTo(clock, refused.endAt);
    expect((await call(sim, 'GET', `/api/v1/statusTask/wan-2-5?taskId=${refused.id}`)).json).toMatchObject({
      code: 200,
      msg: 'success',
      data: { state: 'fail', failCode: 'CONTENT_VIOLATION', failMsg: 'Content violates safety guidelines' },
    });
  });

  it('answers kie refusals in its envelope: 422 for validation, 404 inside an HTTP 200', async () => {
    const { sim } = await startTestSimulator({ generateTaskDialect: 'kie' });
    const invalid = await call(sim, 'POST', '/api/v1/generateTask/wan-2-5', { input: {} });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toEqual({ code: 422, msg: 'Missing required field: input.prompt', data: null });
    const unknown = await call(sim, 'GET', '/api/v1/statusTask/wan-2-5?taskId=0123');
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({ code: 404, msg: 'Task not found', data: null });
  });

  it('refuses an unknown generateTaskDialect, naming it', async () => {
    await expect(startTestSimulator({ generateTaskDialect: 'yaml' as never })).rejects.toThrow(
      "unknown generateTaskDialect 'yaml'",
    );
  });
});
