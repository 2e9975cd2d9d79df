import { describe, expect, it } from 'vitest';
import { advanceTo, call, startTestSimulator } from '../../test/sim-test-kit.js';

const T0 = 1767225600;

describe('v2 format', () => {
  it('answers {task_id} and walks SUBMITTED → QUEUED → IN_PROGRESS "NN%" → SUCCESS', async () => {
    const { sim, clock } = await startTestSimulator();
    const created = await call(sim, 'POST', '/v2/videos/generations', {
      prompt: 'dance',
      model: 'wan2.2-t2v-plus',
    });
    expect(created.status).toBe(200);
    const id = created.json.task_id as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.json).toEqual({ task_id: id });

    const task = sim.tasks.get('v2', id)!;
    // default size 1920*1080 → the 1080p range, 70-90 s
    expect(task.endAt - task.createdAt).toBeGreaterThanOrEqual(70_000);
    expect(task.endAt - task.createdAt).toBeLessThanOrEqual(90_000);
    const base = {
      task_id: id,
      platform: 'alibaba',
      action: '',
      fail_reason: '',
      submit_time: T0,
      search_item: '',
    };
    const read = async () => (await call(sim, 'GET', `/v2/videos/generations/${id}`)).json;

    expect(await read()).toEqual({
      ...base,
      status: 'SUBMITTED',
      start_time: 0,
      finish_time: 0,
      progress: '0%',
      data: null,
    });
    advanceTo(clock, task.startAt - 1);
    expect((await read()).status).toBe('QUEUED');

    advanceTo(clock, task.startAt + (task.endAt - task.startAt) * 0.3);
    expect(await read()).toEqual({
      ...base,
      status: 'IN_PROGRESS',
      start_time: Math.floor(task.startAt / 1000),
      finish_time: 0,
      progress: '30%',
      data: null,
    });

    advanceTo(clock, task.endAt);
    const done = await read();
    expect(done).toEqual({
      ...base,
      status: 'SUCCESS',
      start_time: Math.floor(task.startAt / 1000),
      finish_time: Math.floor(task.endAt / 1000),
      progress: '100%',
      data: { output: task.resultUrls[0] },
    });
    // a DashScope-style signed OSS URL whose Expires is 24 h after completion
    const url = new URL(done.data.output);
    expect(url.pathname).toMatch(/^\/__sim\/files\/[0-9a-f]{16}\.mp4$/);
    expect(Number(url.searchParams.get('Expires'))).toBe(Math.floor((task.endAt + 24 * 3_600_000) / 1000));
    expect(url.searchParams.get('OSSAccessKeyId')).toBe('SIMULATOR');
  });

  it('fails a content-policy prompt with FAILURE, fail_reason and "100%", HTTP 200', async () => {
    const { sim, clock } = await startTestSimulator();
    const created = await call(sim, 'POST', '/v2/videos/generations', {
      model: 'wanx2.1-t2v-turbo',
      prompt: '[[unsafe]]',
      size: '1280*720',
    });
    const task = sim.tasks.get('v2', created.json.task_id)!;
    advanceTo(clock, task.endAt);
    const failed = await call(sim, 'GET', `/v2/videos/generations/${task.id}`);
    expect(failed.status).toBe(200);
    expect(failed.json).toEqual({
      task_id: task.id,
      platform: 'alibaba',
      action: '',
      status: 'FAILURE',
      fail_reason: 'DataInspectionFailed: Input data may contain inappropriate content.',
      submit_time: T0,
      start_time: Math.floor(task.startAt / 1000),
      finish_time: Math.floor(task.endAt / 1000),
      progress: '100%',
      data: null,
      search_item: '',
    });
  });

  it('takes image-to-video with one image and first/last frame with two', async () => {
    const { sim } = await startTestSimulator();
    const i2v = await call(sim, 'POST', '/v2/videos/generations', {
      model: 'wan2.5-i2v-preview',
      prompt: 'The cat slowly turns its head',
      images: ['https://example.com/cat.png'],
      resolution: '1080P',
      duration: 10,
      audio: true,
    });
    expect(i2v.status).toBe(200);
    const kf2v = await call(sim, 'POST', '/v2/videos/generations', {
      model: 'wanx2.1-kf2v-plus',
      images: ['https://example.com/first.png', 'https://example.com/last.png'],
    });
    expect(kf2v.status).toBe(200);
    expect(sim.stats().formats.v2.creates).toBe(2);
  });

  it.each([
    [
      'an unknown model',
      { model: 'wan9-t2v', prompt: 'x' },
      'model: "wan9-t2v" is not supported; allowed: wan2.2-t2v-plus, wanx2.1-t2v-turbo, wanx2.1-t2v-plus, ' +
        'wan2.5-t2v-preview, wan2.6-t2v, wan2.2-i2v-plus, wan2.2-i2v-flash, wanx2.1-i2v-turbo, wanx2.1-i2v-plus, ' +
        'wan2.5-i2v-preview, wanx2.1-kf2v-plus',
    ],
    ['a missing prompt', { model: 'wan2.2-t2v-plus' }, 'prompt is required'],
    [
      'a size of another tier',
      { model: 'wanx2.1-t2v-plus', prompt: 'x', size: '1920*1080' },
      'size: "1920*1080" is not allowed; allowed: 1280*720, 720*1280, 960*960, 1088*832, 832*1088',
    ],
    [
      'a duration other than the fixed 5',
      { model: 'wan2.2-t2v-plus', prompt: 'x', duration: 10 },
      'duration: 10 is not allowed; allowed: 5',
    ],
    [
      'two images for single-image i2v',
      { model: 'wan2.2-i2v-flash', prompt: 'x', images: ['https://a/1.png', 'https://a/2.png'] },
      'images is required: exactly one image URL (http(s) or data: URI)',
    ],
    [
      'a resolution the model lacks',
      { model: 'wan2.2-i2v-flash', images: ['https://a/1.png'], resolution: '1080P' },
      'resolution: "1080P" is not allowed; allowed: 480P, 720P',
    ],
    [
      'prompt_extend as a string',
      { model: 'wan2.2-t2v-plus', prompt: 'x', prompt_extend: 'true' },
      'prompt_extend: "true" is not allowed; allowed: true, false',
    ],
  ])('answers 400 invalid_request for %s', async (_what, body, message) => {
    const { sim } = await startTestSimulator();
    const response = await call(sim, 'POST', '/v2/videos/generations', body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ code: 'invalid_request', message, data: null });
  });

  it('answers 400 task_not_exist for an unknown id', async () => {
    const { sim } = await startTestSimulator();
    const response = await call(sim, 'GET', '/v2/videos/generations/e7bed961-d1b9-4b3f-8ef9-5f441bde28c8');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ code: 'task_not_exist', message: 'task_not_exist', data: null });
    expect(sim.stats().formats.v2.notFound).toBe(1);
  });

  it("answers in new-api's task envelope when v2Dialect is new-api-envelope", async () => {
    const { sim, clock } = await startTestSimulator({ v2Dialect: 'new-api-envelope' });
    const created = await call(sim, 'POST', '/v2/videos/generations', {
      model: 'wan2.2-t2v-plus',
      prompt: 'dance',
    });
    const id = created.json.data.task_id as string;
    expect(created.json).toEqual({ code: 'success', data: { task_id: id, status: 'NOT_START' } });
    const task = sim.tasks.get('v2', id)!;
    const read = async () => (await call(sim, 'GET', `/v2/videos/generations/${id}`)).json;
    expect(await read()).toEqual({
      code: 'success',
      message: '',
      data: { task_id: id, status: 'NOT_START', progress: '0%' },
    });
    advanceTo(clock, task.startAt + (task.endAt - task.startAt) * 0.3);
    expect((await read()).data).toEqual({ task_id: id, status: 'IN_PROGRESS', progress: '30%' });
    advanceTo(clock, task.endAt);
    expect((await read()).data).toEqual({
      task_id: id,
      status: 'SUCCESS',
      progress: '100%',
      result_url: task.resultUrls[0],
    });
  });

  it('answers as an OpenAI video object when v2Dialect is openai-video', async () => {
    const { sim, clock } = await startTestSimulator({ v2Dialect: 'openai-video' });
    const created = await call(sim, 'POST', '/v2/videos/generations', {
      model: 'wanx2.1-t2v-turbo',
      prompt: '[[unsafe]]',
      size: '1280*720',
    });
    const id = created.json.id as string;
    expect(created.json).toEqual({ id, task_id: id, object: 'video', status: 'queued' });
    const task = sim.tasks.get('v2', id)!;
    const read = async () => (await call(sim, 'GET', `/v2/videos/generations/${id}`)).json;
    const base = { id, task_id: id, object: 'video', created_at: T0 };
    advanceTo(clock, task.startAt + (task.endAt - task.startAt) * 0.42);
    expect(await read()).toEqual({ ...base, status: 'in_progress', progress: 42 });
    advanceTo(clock, task.endAt);
    expect(await read()).toEqual({
      ...base,
      status: 'failed',
      progress: 100,
      error: {
        code: 'DataInspectionFailed',
        message: 'DataInspectionFailed: Input data may contain inappropriate content.',
      },
    });

    const ok = await call(sim, 'POST', '/v2/videos/generations', {
      model: 'wan2.2-t2v-plus',
      prompt: 'dance',
    });
    const done = sim.tasks.get('v2', ok.json.id)!;
    advanceTo(clock, done.endAt);
    expect((await call(sim, 'GET', `/v2/videos/generations/${done.id}`)).json).toMatchObject({
      status: 'completed',
      progress: 100,
      url: done.resultUrls[0],
      format: 'mp4',
    });
  });

  it('refuses an unknown v2Dialect, naming it', async () => {
    await expect(startTestSimulator({ v2Dialect: 'yaml' as never })).rejects.toThrow(
      "unknown v2Dialect 'yaml'",
    );
  });
});
