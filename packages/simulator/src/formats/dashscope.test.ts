import { describe, expect, it } from 'vitest';
import { ASYNC, createTask, ds, KF2V, T2I, VIDEO } from '../../test/dashscope-kit.js';
import { advanceTo, startTestSimulator } from '../../test/sim-test-kit.js';
import { describeSimulator } from '../describe.js';
import { SAMPLE_MP4 } from '../media/sample-mp4.js';

const HOUR = 3_600_000;

/** China time, written independently of the format's own formatter. */
const cst = (ms: number) => new Date(ms + 8 * HOUR).toISOString().replace('T', ' ').slice(0, 23);

const T2V_22 = { model: 'wan2.2-t2v-plus', input: { prompt: 'a kitten running in the moonlight' } };
const I2V_26 = {
  model: 'wan2.6-i2v',
  input: { prompt: 'the cat turns its head', img_url: 'https://example.com/cat.png' },
  parameters: { resolution: '720P', duration: 10 },
};

describe('DashScope: create, status and result', () => {
  it('answers a create with PENDING, then PENDING → RUNNING → SUCCEEDED with China times and a real MP4', async () => {
    const { sim, clock } = await startTestSimulator();
    const created = await ds(sim, 'POST', VIDEO, T2V_22);
    expect(created.status).toBe(200);
    expect(Object.keys(created.json)).toEqual(['request_id', 'output']);
    expect(created.json.output).toEqual({ task_id: expect.any(String), task_status: 'PENDING' });
    expect(created.json.request_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(created.headers.get('x-request-id')).toBe(created.json.request_id);
    const id = created.json.output.task_id as string;
    const task = sim.tasks.get('dashscope', id)!;

    const pending = await ds(sim, 'GET', `/api/v1/tasks/${id}`);
    expect(pending.json.output).toEqual({
      task_id: id,
      task_status: 'PENDING',
      submit_time: '2026-01-01 08:00:00.000',
    });
    expect(pending.json).not.toHaveProperty('usage');

    advanceTo(clock, task.startAt);
    const running = await ds(sim, 'GET', `/api/v1/tasks/${id}`);
    expect(running.json.output).toEqual({
      task_id: id,
      task_status: 'RUNNING',
      submit_time: cst(task.createdAt),
      scheduled_time: cst(task.startAt),
    });

    advanceTo(clock, task.endAt);
    const done = await ds(sim, 'GET', `/api/v1/tasks/${id}`);
    expect(done.status).toBe(200);
    expect(Object.keys(done.json)).toEqual(['request_id', 'output', 'usage']);
    expect(done.json.output).toEqual({
      task_id: id,
      task_status: 'SUCCEEDED',
      submit_time: cst(task.createdAt),
      scheduled_time: cst(task.startAt),
      end_time: cst(task.endAt),
      orig_prompt: 'a kitten running in the moonlight',
      video_url: task.resultUrls[0],
      actual_prompt: expect.stringContaining('a kitten running in the moonlight'),
    });
    // legacy form (corpus 011): the default size is wan2.2-t2v-plus's 1920*1080, duration fixed 5
    expect(done.json.usage).toEqual({ video_duration: 5, video_ratio: '1920*1080', video_count: 1 });
    const url = new URL(done.json.output.video_url);
    expect([...url.searchParams.keys()]).toEqual(['Expires', 'OSSAccessKeyId', 'Signature']);
    const video = await fetch(done.json.output.video_url);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await video.arrayBuffer())).toEqual(SAMPLE_MP4);
  });

  it('reports each family’s usage form', async () => {
    const { sim, clock } = await startTestSimulator({ instantCompletion: true });
    const usageOf = async (path: string, body: unknown) => {
      const id = await createTask(sim, path, body);
      clock.advance(1);
      return (await ds(sim, 'GET', `/api/v1/tasks/${id}`)).json.usage;
    };
    // wan2.6 t2v [MS-T2V26]: duration, size, input/output seconds, count, SR
    expect(
      await usageOf(VIDEO, {
        model: 'wan2.6-t2v',
        input: { prompt: 'x' },
        parameters: { size: '1280*720', duration: 10 },
      }),
    ).toEqual({
      duration: 10,
      size: '1280*720',
      input_video_duration: 0,
      output_video_duration: 10,
      video_count: 1,
      SR: 720,
    });
    // wan2.6 i2v [MS-I2V26]: no size
    expect(await usageOf(VIDEO, I2V_26)).toEqual({
      duration: 10,
      input_video_duration: 0,
      output_video_duration: 10,
      video_count: 1,
      SR: 720,
    });
    // wan2.6 r2v [MS-R2V26]: a reference video is billed as 5 input seconds
    expect(
      await usageOf(VIDEO, {
        model: 'wan2.6-r2v',
        input: { prompt: 'character1 waves', reference_urls: ['https://e.com/a.mp4', 'https://e.com/b.png'] },
        parameters: { size: '1280*720', duration: 5 },
      }),
    ).toEqual({
      duration: 10,
      size: '1280*720',
      input_video_duration: 5,
      output_video_duration: 5,
      video_count: 1,
      SR: 720,
    });
    // wan2.7 t2v [MS-T2V27]: ratio instead of size
    expect(
      await usageOf(VIDEO, { model: 'wan2.7-t2v', input: { prompt: 'x' }, parameters: { ratio: '9:16' } }),
    ).toEqual({
      duration: 5,
      input_video_duration: 0,
      output_video_duration: 5,
      video_count: 1,
      ratio: '9:16',
      SR: 1080,
    });
    // wan2.7 i2v [MS-I2V27] (corpus 027)
    expect(
      await usageOf(VIDEO, {
        model: 'wan2.7-i2v',
        input: { media: [{ type: 'first_frame', url: 'https://e.com/a.png' }] },
        parameters: { resolution: '720P', duration: 15 },
      }),
    ).toEqual({ duration: 15, input_video_duration: 0, output_video_duration: 15, video_count: 1, SR: 720 });
    // wan2.7 r2v [MS-R2V27]: input + output, ratio last
    expect(
      await usageOf(VIDEO, {
        model: 'wan2.7-r2v',
        input: { prompt: 'Video 1 dances', media: [{ type: 'reference_video', url: 'https://e.com/a.mp4' }] },
        parameters: { duration: 10 },
      }),
    ).toEqual({
      duration: 15,
      input_video_duration: 5,
      output_video_duration: 10,
      video_count: 1,
      SR: 1080,
      ratio: '16:9',
    });
    // kf2v [MS-KF2V]
    expect(
      await usageOf(KF2V, {
        model: 'wan2.2-kf2v-flash',
        input: { first_frame_url: 'https://e.com/a.png', last_frame_url: 'https://e.com/b.png' },
        parameters: { resolution: '480P' },
      }),
    ).toEqual({ video_duration: 5, video_count: 1, SR: 480 });
    // wan2.5 i2v: the legacy form with the tier's landscape size
    expect(
      await usageOf(VIDEO, {
        model: 'wan2.5-i2v-preview',
        input: { img_url: 'https://e.com/a.png' },
        parameters: { resolution: '480P' },
      }),
    ).toEqual({ video_duration: 5, video_ratio: '832*480', video_count: 1 });
    // wan3.0, text-to-video with duration -1 (the model chooses; 5 s)
    expect(
      await usageOf(VIDEO, { model: 'wan3.0-video', input: { prompt: 'x' }, parameters: { duration: -1 } }),
    ).toEqual({
      duration: 5,
      input_video_duration: 0,
      output_video_duration: 5,
      video_count: 1,
      SR: 1080,
      ratio: 'adaptive',
    });
  });

  it('returns text-to-image results with prompts, task_metrics at every state and image_count', async () => {
    const { sim, clock } = await startTestSimulator();
    const id = await createTask(sim, T2I, {
      model: 'wan2.5-t2i-preview',
      input: { prompt: 'a red apple' },
      parameters: { size: '1104*1472', n: 2 },
    });
    const pending = await ds(sim, 'GET', `/api/v1/tasks/${id}`);
    expect(pending.json.output.task_metrics).toEqual({ TOTAL: 2, SUCCEEDED: 0, FAILED: 0 });
    const task = sim.tasks.get('dashscope', id)!;
    advanceTo(clock, task.endAt);
    const done = (await ds(sim, 'GET', `/api/v1/tasks/${id}`)).json;
    expect(done.output.results).toEqual(
      task.resultUrls.map((url) => ({
        orig_prompt: 'a red apple',
        actual_prompt: expect.stringContaining('a red apple'),
        url,
      })),
    );
    expect(done.output.task_metrics).toEqual({ TOTAL: 2, SUCCEEDED: 2, FAILED: 0 });
    expect(done.usage).toEqual({ image_count: 2 });
    const png = await fetch(done.output.results[0].url);
    const bytes = Buffer.from(await png.arrayBuffer());
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1104, 1472]);
  });

  it('fails the last image of a multi-image task on the partial-failure marker; the task still SUCCEEDED', async () => {
    const { sim, clock } = await startTestSimulator({ instantCompletion: true });
    const id = await createTask(sim, T2I, {
      model: 'wan2.2-t2i-flash',
      input: { prompt: 'four apples [[partial]]' },
      parameters: { prompt_extend: false },
    });
    clock.advance(1);
    const done = (await ds(sim, 'GET', `/api/v1/tasks/${id}`)).json;
    expect(done.output.task_status).toBe('SUCCEEDED');
    expect(done.output.results).toHaveLength(4);
    expect(done.output.results.slice(0, 3).every((r: { url?: string }) => typeof r.url === 'string')).toBe(
      true,
    );
    expect(done.output.results[0]).not.toHaveProperty('actual_prompt');
    // corpus 025
    expect(done.output.results[3]).toEqual({
      code: 'DataInspectionFailed',
      message: 'Output data may contain inappropriate content.',
    });
    expect(done.output.task_metrics).toEqual({ TOTAL: 4, SUCCEEDED: 3, FAILED: 1 });
    expect(done.usage).toEqual({ image_count: 3 });
  });

  it('ends marked prompts in FAILED with HTTP 200: DataInspectionFailed and InternalError.Algo', async () => {
    const { sim, clock } = await startTestSimulator();
    const unsafe = await createTask(sim, VIDEO, { ...T2V_22, input: { prompt: 'scene [[unsafe]]' } });
    const broken = await createTask(sim, T2I, { model: 'wan2.2-t2i-plus', input: { prompt: 'x [[fail]]' } });
    clock.advance(200_000);
    const failed = await ds(sim, 'GET', `/api/v1/tasks/${unsafe}`);
    expect(failed.status).toBe(200);
    const task = sim.tasks.get('dashscope', unsafe)!;
    expect(failed.json.output).toEqual({
      task_id: unsafe,
      task_status: 'FAILED',
      submit_time: cst(task.createdAt),
      scheduled_time: cst(task.startAt),
      end_time: cst(task.endAt),
      code: 'DataInspectionFailed',
      message: 'Input data may contain inappropriate content.',
    });
    expect(failed.json).not.toHaveProperty('usage');
    const image = (await ds(sim, 'GET', `/api/v1/tasks/${broken}`)).json.output;
    expect(image).toMatchObject({
      task_status: 'FAILED',
      code: 'InternalError.Algo',
      message: 'An internal error has occured during algorithm execution.',
      task_metrics: { TOTAL: 4, SUCCEEDED: 0, FAILED: 4 },
    });
  });

  it('accepts X-DashScope-WorkSpace and reads every route with the same key', async () => {
    const { sim } = await startTestSimulator({ apiKey: 'sk-right' });
    const created = await ds(
      sim,
      'POST',
      VIDEO,
      T2V_22,
      { ...ASYNC, 'X-DashScope-WorkSpace': 'ws-123' },
      'sk-right',
    );
    expect(created.status).toBe(200);
  });
});

describe('DashScope: the async header, auth and body errors', () => {
  it('refuses a create without X-DashScope-Async: enable with 403 AccessDenied, as the real API does', async () => {
    const { sim } = await startTestSimulator();
    const variants: Record<string, string>[] = [{}, { 'X-DashScope-Async': 'disable' }];
    for (const headers of variants) {
      const refused = await ds(sim, 'POST', VIDEO, T2V_22, headers);
      expect(refused.status).toBe(403);
      expect(refused.json).toEqual({
        code: 'AccessDenied',
        message: 'current user api does not support synchronous calls.',
        request_id: refused.headers.get('x-request-id'),
      });
    }
    expect(sim.tasks.list()).toHaveLength(0);
  });

  it('answers 401 InvalidApiKey without a content-type (corpus 006)', async () => {
    const { sim } = await startTestSimulator({ apiKey: 'sk-right' });
    const missing = await ds(sim, 'POST', VIDEO, T2V_22, ASYNC, null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBeNull();
    expect(missing.json).toEqual({
      code: 'InvalidApiKey',
      message: 'No API-key provided.',
      request_id: expect.any(String),
    });
    const wrong = await ds(sim, 'GET', '/api/v1/tasks/some-id', undefined, {}, 'sk-wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.json.message).toBe('Invalid API-key provided.');
    expect(sim.stats().formats.dashscope.unauthorized).toBe(2);
  });

  it.each([
    ['not JSON', VIDEO, '{oops', 400, 'BadRequest.IllegalInput', 'The input parameter requires json format.'],
    [
      'no model',
      VIDEO,
      { input: { prompt: 'x' } },
      400,
      'BadRequest.EmptyModel',
      'Required parameter "model" missing from request.',
    ],
    [
      'an unknown model (corpus 014)',
      VIDEO,
      { model: 'wan9-t2v', input: { prompt: 'x' } },
      400,
      'InvalidParameter',
      'Model not exist.',
    ],
    [
      'no input',
      VIDEO,
      { model: 'wan2.6-t2v' },
      400,
      'BadRequest.EmptyInput',
      'Required input parameter missing from request.',
    ],
    [
      'a kf2v model on the video path',
      VIDEO,
      { model: 'wan2.2-kf2v-flash', input: {} },
      400,
      'InvalidParameter',
      'url error, please check url！',
    ],
    [
      'a video model on the image path',
      T2I,
      { model: 'wan2.6-t2v', input: {} },
      400,
      'InvalidParameter',
      'url error, please check url！',
    ],
  ] as const)('refuses %s', async (_what, path, body, status, code, message) => {
    const { sim } = await startTestSimulator();
    const refused = await ds(sim, 'POST', path, body);
    expect(refused.status).toBe(status);
    expect(refused.json).toEqual({ code, message, request_id: refused.headers.get('x-request-id') });
    expect(Object.keys(refused.json)).toEqual(['code', 'message', 'request_id']);
    expect(sim.stats().formats.dashscope.invalid).toBe(1);
  });
});

describe('DashScope: per-model validation', () => {
  const PNG_DATA = `data:image/png;base64,${Buffer.from('not really a png').toString('base64')}`;
  it.each([
    ['a t2v prompt', { model: 'wan2.6-t2v', input: {} }, 'InvalidParameter', 'Field required: input.prompt'],
    [
      'a size outside the tiers',
      { model: 'wan2.2-t2v-plus', input: { prompt: 'x' }, parameters: { size: '1280*720' } },
      'InvalidParameter',
      'The size is not match, allowed sizes: 832*480, 480*832, 624*624, 1920*1080, 1080*1920, 1440*1440, 1632*1248, 1248*1632: parameters.size',
    ],
    [
      'a fixed duration',
      { model: 'wan2.2-t2v-plus', input: { prompt: 'x' }, parameters: { duration: 10 } },
      'InvalidParameter',
      'Input should be 5: parameters.duration',
    ],
    [
      'a duration option',
      { model: 'wan2.5-t2v-preview', input: { prompt: 'x' }, parameters: { duration: 7 } },
      'InvalidParameter',
      'Input should be 5 or 10: parameters.duration',
    ],
    [
      'a duration range',
      { model: 'wan2.6-t2v', input: { prompt: 'x' }, parameters: { duration: 16 } },
      'InvalidParameter',
      'Input should be less than or equal to 15: parameters.duration',
    ],
    [
      'a string duration',
      { model: 'wan2.6-t2v', input: { prompt: 'x' }, parameters: { duration: '5' } },
      'InvalidParameter',
      'Input should be a valid integer: parameters.duration',
    ],
    [
      'an i2v image',
      { model: 'wan2.6-i2v', input: { prompt: 'x' } },
      'InvalidParameter',
      'Field required: input.img_url',
    ],
    [
      'an i2v tier',
      { model: 'wan2.6-i2v', input: { img_url: 'https://e.com/a.png' }, parameters: { resolution: '480P' } },
      'InvalidParameter',
      "Input should be '720P' or '1080P': parameters.resolution",
    ],
    [
      'a lower-case tier',
      {
        model: 'wan2.5-i2v-preview',
        input: { img_url: 'https://e.com/a.png' },
        parameters: { resolution: '720p' },
      },
      'InvalidParameter',
      "Input should be '480P', '720P' or '1080P': parameters.resolution",
    ],
    [
      'a seed',
      { model: 'wan2.6-t2v', input: { prompt: 'x' }, parameters: { seed: 2_147_483_648 } },
      'InvalidParameter',
      'Range of seed should be [0, 2147483647]',
    ],
    [
      'a boolean',
      { model: 'wan2.6-t2v', input: { prompt: 'x' }, parameters: { watermark: 'yes' } },
      'InvalidParameter',
      'Input should be a valid boolean: parameters.watermark',
    ],
    [
      'a shot type',
      { model: 'wan2.6-t2v', input: { prompt: 'x' }, parameters: { shot_type: 'many' } },
      'InvalidParameter',
      "Input should be 'single' or 'multi': parameters.shot_type",
    ],
    [
      'a bare base64 image (not a data URI)',
      { model: 'wan2.6-i2v', input: { img_url: 'iVBORw0KGgo=' } },
      'InvalidURL',
      'Invalid URL provided in your request.',
    ],
    [
      'a data URI of another type',
      { model: 'wan2.6-i2v', input: { img_url: 'data:image/gif;base64,R0lGOD' } },
      'InvalidParameter.DataInspection',
      'The media format is not supported or incorrect for the data inspection.',
    ],
    [
      'a data URI where only URLs go',
      { model: 'wan2.6-r2v', input: { prompt: 'x', reference_urls: [PNG_DATA] } },
      'InvalidURL',
      'Invalid URL provided in your request.',
    ],
    [
      'a kf2v first frame',
      { model: 'wanx2.1-kf2v-plus', input: { last_frame_url: 'https://e.com/b.png' } },
      'InvalidParameter',
      'Field required: input.first_frame_url',
    ],
    [
      'six references',
      { model: 'wan2.6-r2v', input: { prompt: 'x', reference_urls: Array(6).fill('https://e.com/a.png') } },
      'InvalidParameter',
      'List should have 1 to 5 items: input.reference_urls',
    ],
    [
      'four reference videos',
      {
        model: 'wan2.6-r2v-flash',
        input: { prompt: 'x', reference_urls: Array(4).fill('https://e.com/a.mp4') },
      },
      'InvalidParameter',
      'At most 3 reference videos are allowed: input.reference_urls',
    ],
    [
      'an r2v duration over 10',
      {
        model: 'wan2.6-r2v',
        input: { prompt: 'x', reference_urls: ['https://e.com/a.png'] },
        parameters: { duration: 12 },
      },
      'InvalidParameter',
      'Input should be less than or equal to 10: parameters.duration',
    ],
    [
      'a wan2.7 ratio',
      { model: 'wan2.7-t2v', input: { prompt: 'x' }, parameters: { ratio: '21:9' } },
      'InvalidParameter',
      "Input should be '16:9', '9:16', '1:1', '4:3' or '3:4': parameters.ratio",
    ],
    [
      'wan2.7 i2v media',
      { model: 'wan2.7-i2v', input: { prompt: 'x' } },
      'InvalidParameter',
      'Field required: input.media',
    ],
    [
      'a wan2.7 i2v combination',
      {
        model: 'wan2.7-i2v',
        input: {
          media: [
            { type: 'first_frame', url: 'https://e.com/a.png' },
            { type: 'first_clip', url: 'https://e.com/a.mp4' },
          ],
        },
      },
      'InvalidParameter',
      'The combination of media types is not supported: first_clip, first_frame; allowed: first_frame; driving_audio + first_frame; first_frame + last_frame; driving_audio + first_frame + last_frame; first_clip; first_clip + last_frame: input.media',
    ],
    [
      'a wan2.7 media type',
      { model: 'wan2.7-i2v', input: { media: [{ type: 'reference_image', url: 'https://e.com/a.png' }] } },
      'InvalidParameter',
      "Input should be 'first_frame', 'last_frame', 'driving_audio' or 'first_clip': input.media.0.type",
    ],
    [
      'a wan2.7 r2v reference',
      {
        model: 'wan2.7-r2v',
        input: { prompt: 'x', media: [{ type: 'first_frame', url: 'https://e.com/a.png' }] },
      },
      'InvalidParameter',
      'At least one reference_image or reference_video is required: input.media',
    ],
    [
      'a wan2.7 r2v duration with a reference video',
      {
        model: 'wan2.7-r2v',
        input: { prompt: 'x', media: [{ type: 'reference_video', url: 'https://e.com/a.mp4' }] },
        parameters: { duration: 15 },
      },
      'InvalidParameter',
      'Input should be less than or equal to 10: parameters.duration',
    ],
    [
      'wan3.0 frames with references',
      {
        model: 'wan3.0-video',
        input: {
          media: [
            { type: 'first_frame', url: 'https://e.com/a.png' },
            { type: 'reference_image', url: 'https://e.com/b.png' },
          ],
        },
      },
      'InvalidParameter',
      'first_frame/last_frame cannot be combined with reference, file or link media: input.media',
    ],
    [
      'a wan3.0 text-only prompt',
      { model: 'wan3.0-video', input: {} },
      'InvalidParameter',
      'Field required: input.prompt',
    ],
    [
      'an image count',
      { model: 'wan2.5-t2i-preview', input: { prompt: 'x' }, parameters: { n: 5 } },
      'InvalidParameter',
      'Range of n should be [1, 4]',
    ],
    [
      'wan2.5 t2i pixels',
      { model: 'wan2.5-t2i-preview', input: { prompt: 'x' }, parameters: { size: '1024*1024' } },
      'InvalidParameter',
      'The size is not match, total pixels 1048576 must be within [1638400, 2073600]: parameters.size',
    ],
    [
      'wan2.2 t2i sides',
      { model: 'wan2.2-t2i-plus', input: { prompt: 'x' }, parameters: { size: '1500*1000' } },
      'InvalidParameter',
      'The size is not match, each side must be within [512, 1440]: parameters.size',
    ],
  ] as const)('checks %s', async (_what, body, code, message) => {
    const { sim } = await startTestSimulator();
    const path = body.model.includes('t2i') ? T2I : body.model.includes('kf2v') ? KF2V : VIDEO;
    const refused = await ds(sim, 'POST', path, body);
    expect(refused.json).toEqual({ code, message, request_id: expect.any(String) });
    expect(refused.status).toBe(400);
    expect(sim.tasks.list()).toHaveLength(0);
  });

  it('accepts every documented model on its own path with its defaults', async () => {
    const { sim } = await startTestSimulator();
    const accepted: [string, unknown][] = [
      [VIDEO, { model: 'wan2.6-t2v', input: { prompt: 'x' } }],
      [
        VIDEO,
        {
          model: 'wan2.5-t2v-preview',
          input: { prompt: 'x' },
          parameters: { size: '832*480', duration: 10 },
        },
      ],
      [VIDEO, { model: 'wanx2.1-t2v-turbo', input: { prompt: 'x' } }],
      [VIDEO, { model: 'wan2.1-t2v-plus', input: { prompt: 'x' } }],
      [VIDEO, { model: 'wan2.6-i2v-flash', input: { img_url: PNG_DATA }, parameters: { audio: false } }],
      [
        VIDEO,
        {
          model: 'wan2.2-i2v-flash',
          input: { img_url: 'https://e.com/a.png' },
          parameters: { resolution: '1080P' },
        },
      ],
      [VIDEO, { model: 'wan2.2-i2v-plus', input: { img_url: 'https://e.com/a.png' } }],
      [
        VIDEO,
        {
          model: 'wanx2.1-i2v-turbo',
          input: { img_url: 'https://e.com/a.png' },
          parameters: { duration: 3 },
        },
      ],
      [VIDEO, { model: 'wan2.1-i2v-plus', input: { img_url: 'https://e.com/a.png' } }],
      [KF2V, { model: 'wan2.1-kf2v-plus', input: { first_frame_url: PNG_DATA } }],
      [VIDEO, { model: 'wan2.6-r2v-flash', input: { prompt: 'x', reference_urls: ['https://e.com/a.png'] } }],
      [VIDEO, { model: 'wan2.6-r2v', input: { prompt: 'x', reference_video_urls: ['https://e.com/a.mp4'] } }],
      [
        VIDEO,
        {
          model: 'wan2.7-i2v',
          input: {
            media: [
              { type: 'first_clip', url: 'https://e.com/a.mp4' },
              { type: 'last_frame', url: PNG_DATA },
            ],
          },
        },
      ],
      [
        VIDEO,
        {
          model: 'wan2.7-r2v',
          input: {
            prompt: 'Image 1 sings',
            media: [
              { type: 'reference_image', url: 'https://e.com/a.png', reference_voice: 'https://e.com/v.mp3' },
            ],
          },
          parameters: { duration: 15 },
        },
      ],
      [VIDEO, { model: 'wan3.0-video-prime', input: { media: [{ type: 'first_frame', url: PNG_DATA }] } }],
      [T2I, { model: 'wanx2.1-t2i-turbo', input: { prompt: 'x' }, parameters: { size: '512*1440', n: 1 } }],
      [T2I, { model: 'wan2.5-t2i-preview', input: { prompt: 'x'.repeat(3000) } }],
    ];
    for (const [path, body] of accepted) {
      const created = await ds(sim, 'POST', path, body);
      expect([created.status, created.text]).toEqual([200, expect.any(String)]);
    }
    expect(sim.stats().formats.dashscope.creates).toBe(accepted.length);
  });

  it('refuses a data-URI image over the model’s limit with InvalidFile.Size', async () => {
    const { sim } = await startTestSimulator();
    const big = `data:image/png;base64,${Buffer.alloc(10 * 1024 * 1024 + 3).toString('base64')}`;
    const refused = await ds(sim, 'POST', VIDEO, { model: 'wan2.2-i2v-plus', input: { img_url: big } });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      code: 'InvalidFile.Size',
      message: 'Invalid file size. The image file size must be less than 10MB.',
    });
    // wan2.6 takes up to 20 MB
    const accepted = await ds(sim, 'POST', VIDEO, { model: 'wan2.6-i2v', input: { img_url: big } });
    expect(accepted.status).toBe(200);
  });
});

describe('DashScope: UNKNOWN, retention and result URLs', () => {
  it('answers HTTP 200 UNKNOWN for an id never issued (corpus 004)', async () => {
    const { sim } = await startTestSimulator();
    const unknown = await ds(sim, 'GET', '/api/v1/tasks/edbd4e81-nope');
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({
      request_id: unknown.headers.get('x-request-id'),
      output: { task_id: 'edbd4e81-nope', task_status: 'UNKNOWN' },
    });
    expect(sim.stats().formats.dashscope.notFound).toBe(1);
  });

  it('forgets a task 24 h (scaled) after it ended, and its URL stops working 24 h (scaled) after the end', async () => {
    const { sim, clock } = await startTestSimulator({ timeScale: 0.5 });
    const id = await createTask(sim, VIDEO, I2V_26);
    const task = sim.tasks.get('dashscope', id)!;
    advanceTo(clock, task.endAt + 12 * HOUR - 1);
    const last = await ds(sim, 'GET', `/api/v1/tasks/${id}`);
    expect(last.json.output.task_status).toBe('SUCCEEDED');
    expect((await fetch(last.json.output.video_url)).status).toBe(200);
    clock.advance(1);
    const gone = await ds(sim, 'GET', `/api/v1/tasks/${id}`);
    expect(gone.json.output).toEqual({ task_id: id, task_status: 'UNKNOWN' });
    const expired = await fetch(last.json.output.video_url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('keeps retention configurable', async () => {
    const { sim, clock } = await startTestSimulator({ dashscope: { taskRetentionMs: 1000 } });
    const id = await createTask(sim, VIDEO, T2V_22);
    advanceTo(clock, sim.tasks.get('dashscope', id)!.endAt + 1000);
    expect((await ds(sim, 'GET', `/api/v1/tasks/${id}`)).json.output.task_status).toBe('UNKNOWN');
  });
});

describe('DashScope: cancel', () => {
  it('cancels a PENDING task: {request_id} only, then CANCELED; anything else is 400 UnsupportedOperation', async () => {
    const { sim, clock } = await startTestSimulator();
    const id = await createTask(sim, VIDEO, T2V_22);
    const canceled = await ds(sim, 'POST', `/api/v1/tasks/${id}/cancel`, undefined, {});
    expect(canceled.status).toBe(200);
    expect(canceled.json).toEqual({ request_id: canceled.headers.get('x-request-id') });
    const status = await ds(sim, 'GET', `/api/v1/tasks/${id}`);
    expect(status.json.output).toEqual({
      task_id: id,
      task_status: 'CANCELED',
      submit_time: '2026-01-01 08:00:00.000',
      end_time: '2026-01-01 08:00:00.000',
    });
    // still CANCELED after its planned end; no result
    clock.advance(200_000);
    expect((await ds(sim, 'GET', `/api/v1/tasks/${id}`)).json.output.task_status).toBe('CANCELED');
    expect(sim.tasks.get('dashscope', id)!.state).toBe('canceled');
    expect(sim.stats().tasks.byState.canceled).toBe(1);

    const again = await ds(sim, 'POST', `/api/v1/tasks/${id}/cancel`, undefined, {});
    expect(again.status).toBe(400);
    // corpus 005: request_id first
    expect(Object.keys(again.json)).toEqual(['request_id', 'code', 'message']);
    expect(again.json).toMatchObject({
      code: 'UnsupportedOperation',
      message: 'Failed to cancel the task, please confirm if the task is in PENDING status.',
    });
  });

  it('refuses to cancel a RUNNING, finished or unknown task', async () => {
    const { sim, clock } = await startTestSimulator();
    const running = await createTask(sim, VIDEO, T2V_22);
    advanceTo(clock, sim.tasks.get('dashscope', running)!.startAt);
    const finished = await createTask(sim, VIDEO, { ...T2V_22, parameters: { size: '832*480' } });
    advanceTo(clock, sim.tasks.get('dashscope', finished)!.endAt);
    for (const id of [running, finished, 'no-such-task']) {
      const refused = await ds(sim, 'POST', `/api/v1/tasks/${id}/cancel`, undefined, {});
      expect([refused.status, refused.json.code]).toEqual([400, 'UnsupportedOperation']);
    }
    expect(sim.stats().formats.dashscope.requests.cancel).toBe(3);
  });
});

describe('DashScope: the task list', () => {
  it('lists tasks newest first with filters and paging, in the doc example’s shape', async () => {
    const { sim, clock } = await startTestSimulator();
    const first = await createTask(sim, VIDEO, T2V_22);
    clock.advance(1000);
    const second = await createTask(sim, T2I, { model: 'wan2.2-t2i-flash', input: { prompt: 'x' } });
    clock.advance(1000);
    const third = await createTask(sim, KF2V, {
      model: 'wanx2.1-kf2v-plus',
      input: { first_frame_url: 'https://e.com/a.png' },
    });
    await ds(sim, 'POST', `/api/v1/tasks/${third}/cancel`, undefined, {});

    const all = await ds(sim, 'GET', '/api/v1/tasks/');
    expect(all.status).toBe(200);
    expect(Object.keys(all.json)).toEqual([
      'total',
      'data',
      'total_page',
      'page_no',
      'request_id',
      'page_size',
    ]);
    expect(all.json).toMatchObject({ total: 3, total_page: 1, page_no: 1, page_size: 10 });
    expect(all.json.data.map((item: { task_id: string }) => item.task_id)).toEqual([third, second, first]);
    const created = sim.tasks.get('dashscope', first)!;
    expect(all.json.data[2]).toEqual({
      api_key_id: expect.any(String),
      caller_parent_id: expect.any(String),
      caller_uid: expect.any(String),
      gmt_create: created.createdAt,
      model_name: 'wan2.2-t2v-plus',
      region: 'cn-beijing',
      request_id: expect.any(String),
      status: 'PENDING',
      task_id: first,
      user_api_unique_key: 'apikey:v1:aigc:video-generation:video-synthesis:wan2.2-t2v-plus',
    });
    expect(all.json.data[0]).toMatchObject({ status: 'CANCELED', end_time: clock.now() });

    const images = await ds(sim, 'GET', '/api/v1/tasks?model_name=wan2.2-t2i-flash');
    expect(images.json.data.map((item: { task_id: string }) => item.task_id)).toEqual([second]);
    const canceled = await ds(sim, 'GET', '/api/v1/tasks/?status=CANCELED');
    expect(canceled.json.total).toBe(1);
    const page = await ds(sim, 'GET', '/api/v1/tasks/?page_size=2&page_no=2');
    expect(page.json).toMatchObject({ total: 3, total_page: 2, page_no: 2, page_size: 2 });
    expect(page.json.data.map((item: { task_id: string }) => item.task_id)).toEqual([first]);
    // a window in China time that ends before the first task
    const early = await ds(sim, 'GET', '/api/v1/tasks/?start_time=20260101070000&end_time=20260101075959');
    expect(early.json.total).toBe(0);
    const wide = await ds(sim, 'GET', '/api/v1/tasks/?start_time=20260101000000&end_time=20260102000001');
    expect(wide.status).toBe(400);
    expect(sim.stats().formats.dashscope.requests.list).toBe(6);
  });
});

describe('DashScope: limits and faults', () => {
  it('applies the documented per-model RPS with 429 Throttling.RateQuota + Retry-After, per model', async () => {
    const { sim, clock } = await startTestSimulator({ limits: { documented: true } });
    // wan2.2 and wanx2.1: 2 RPS ([MS-RL])
    expect((await ds(sim, 'POST', VIDEO, T2V_22)).status).toBe(200);
    clock.advance(400);
    expect((await ds(sim, 'POST', VIDEO, T2V_22)).status).toBe(200);
    const limited = await ds(sim, 'POST', VIDEO, T2V_22);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.json).toEqual({
      code: 'Throttling.RateQuota',
      message: 'Requests rate limit exceeded, please try again later.',
      request_id: limited.headers.get('x-request-id'),
    });
    // another model has its own budget (wan2.6: 5 RPS)
    expect((await ds(sim, 'POST', VIDEO, I2V_26)).status).toBe(200);
    clock.advance(600);
    expect((await ds(sim, 'POST', VIDEO, T2V_22)).status).toBe(200);
    expect(sim.stats().formats.dashscope).toMatchObject({ rateLimited: 1, creates: 4 });
  });

  it('keeps a task over the model’s concurrency cap PENDING until a slot frees; a cancel gives the slot back', async () => {
    const { sim, clock } = await startTestSimulator({
      dashscope: { modelLimits: { 'wan2.2-t2v-plus': { concurrentTasks: 1 } } },
    });
    const first = await createTask(sim, VIDEO, T2V_22);
    const second = await createTask(sim, VIDEO, T2V_22);
    const a = sim.tasks.get('dashscope', first)!;
    const b = sim.tasks.get('dashscope', second)!;
    expect(b.startAt).toBe(a.endAt);
    advanceTo(clock, a.startAt);
    expect((await ds(sim, 'GET', `/api/v1/tasks/${second}`)).json.output.task_status).toBe('PENDING');
    // the queued task can still be canceled; the next one then takes its place right after the first
    await ds(sim, 'POST', `/api/v1/tasks/${second}/cancel`, undefined, {});
    const third = await createTask(sim, VIDEO, T2V_22);
    expect(sim.tasks.get('dashscope', third)!.startAt).toBe(a.endAt);
    // other models are not capped
    const other = await createTask(sim, VIDEO, I2V_26);
    expect(sim.tasks.get('dashscope', other)!.startAt).toBeLessThan(a.endAt);
  });

  it('answers the simulator-wide concurrency cap with 429 Throttling', async () => {
    const { sim } = await startTestSimulator({
      limits: { perFormat: { dashscope: { concurrentTasks: 1 } } },
    });
    await createTask(sim, VIDEO, T2V_22);
    const refused = await ds(sim, 'POST', VIDEO, T2V_22);
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('Throttling');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('injects faults on the DashScope routes with its own 5xx bodies', async () => {
    const { sim } = await startTestSimulator({ faults: { rates: { '500': 1 }, formats: ['dashscope'] } });
    const create = await ds(sim, 'POST', VIDEO, T2V_22);
    expect(create.status).toBe(500);
    expect(create.json).toMatchObject({
      code: 'InternalError',
      message: 'An internal error has occured, please try again later or contact service support.',
    });
    expect((await ds(sim, 'POST', '/api/v1/tasks/x/cancel', undefined, {})).status).toBe(500);
    expect((await ds(sim, 'GET', '/api/v1/uploads?action=getPolicy&model=wan2.6-i2v')).status).toBe(500);
    sim.setFaults({ rates: { '503': 1 }, endpoints: ['status'] });
    const status = await ds(sim, 'GET', '/api/v1/tasks/x');
    expect([status.status, status.json.code]).toEqual([503, 'ModelUnavailable']);
    expect(sim.stats().formats.dashscope.faults).toBe(4);
  });
});

describe('DashScope: the simulator around it', () => {
  it('serves all four formats from one server and counts DashScope at /__sim/stats', async () => {
    const { sim } = await startTestSimulator();
    await ds(sim, 'POST', VIDEO, T2V_22);
    expect(
      (await ds(sim, 'POST', '/model/v1/generation', { model: 'wan26_t2v', input: { prompt: 'x' } })).status,
    ).toBe(200);
    const stats = sim.stats();
    expect(Object.keys(stats.formats)).toEqual(['native', 'v2', 'generateTask', 'dashscope']);
    expect(stats.formats.dashscope).toMatchObject({
      requests: { create: 1, status: 0, cancel: 0, list: 0, upload: 0 },
      creates: 1,
      tasks: { queued: 1 },
    });
  });

  it('is reproducible under a seed and restarts its streams on reset', async () => {
    const run = async () => {
      const { sim, clock } = await startTestSimulator({ seed: 5 });
      const texts: string[] = [];
      for (let i = 0; i < 3; i++) texts.push((await ds(sim, 'POST', VIDEO, I2V_26)).text);
      clock.advance(100_000);
      for (const task of sim.tasks.list()) {
        texts.push((await ds(sim, 'GET', `/api/v1/tasks/${task.id}`)).text.replaceAll(sim.baseUrl, 'BASE'));
      }
      await ds(sim, 'POST', '/__sim/reset');
      texts.push((await ds(sim, 'POST', VIDEO, I2V_26)).text);
      return texts;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.at(-1)).toBe(first[0]);
  });

  it('lists the DashScope endpoints for `wankit sim`', () => {
    const text = describeSimulator('http://127.0.0.1:4010');
    expect(text).toContain(
      'POST http://127.0.0.1:4010/api/v1/services/aigc/video-generation/video-synthesis',
    );
    expect(text).toContain('POST http://127.0.0.1:4010/api/v1/services/aigc/image2video/video-synthesis');
    expect(text).toContain('POST http://127.0.0.1:4010/api/v1/services/aigc/text2image/image-synthesis');
    expect(text).toContain('GET  http://127.0.0.1:4010/api/v1/tasks/{task_id}');
    expect(text).toContain('POST http://127.0.0.1:4010/api/v1/tasks/{task_id}/cancel');
    expect(text).toContain('GET  http://127.0.0.1:4010/api/v1/uploads?action=getPolicy&model={model}');
  });
});
