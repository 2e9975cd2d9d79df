import { describe, expect, it } from 'vitest';
import { advanceTo, call, startTestSimulator } from '../../test/sim-test-kit.js';

const T0_MS = 1767225600000;

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
});
