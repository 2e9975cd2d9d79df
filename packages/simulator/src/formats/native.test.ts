import { describe, expect, it } from 'vitest';
import { advanceTo, call, startTestSimulator } from '../../test/sim-test-kit.js';

const T0 = 1767225600; // the manual clock's start, unix seconds

const wrapped = (model: string, input: object, parameters: object = {}) => ({
  model,
  input: [{ params: { input, parameters } }],
});

describe('native format', () => {
  it('runs a wrapped-body task from in_progress to completed with the gateway shapes', async () => {
    const { sim, clock } = await startTestSimulator();
    const created = await call(
      sim,
      'POST',
      '/model/v1/generation',
      wrapped(
        'wan26_t2v',
        { prompt: 'A kitten running in the moonlight' },
        { size: '1280*720', duration: 10 },
      ),
    );
    expect(created.status).toBe(200);
    const id = created.json.id as string;
    expect(id).toMatch(/^task_[0-9a-f]{16}$/);
    expect(created.json).toEqual({
      id,
      status: 'in_progress',
      model: 'wan26_t2v',
      progress: 0,
      created_at: T0,
    });

    const task = sim.tasks.get('native', id)!;
    // 720p draws from the documented 50-70 s
    expect(task.endAt - task.createdAt).toBeGreaterThanOrEqual(50_000);
    expect(task.endAt - task.createdAt).toBeLessThanOrEqual(70_000);

    advanceTo(clock, task.startAt + (task.endAt - task.startAt) * 0.4);
    const running = await call(sim, 'GET', `/model/v1/generation/task/${id}`);
    expect(running.json).toEqual({
      id,
      status: 'in_progress',
      model: 'wan26_t2v',
      progress: 0.4,
      created_at: T0,
    });

    advanceTo(clock, task.endAt);
    const done = await call(sim, 'GET', `/model/v1/generation/task/${id}`);
    const end = Math.floor(task.endAt / 1000);
    expect(done.status).toBe(200);
    expect(done.json).toEqual({
      id,
      status: 'completed',
      model: 'wan26_t2v',
      progress: 1,
      created_at: T0,
      output: [{ content: [{ type: 'video', url: task.resultUrls[0], jobId: expect.any(String) }] }],
      usage: { cost: '0.8000', discount: 0 },
      metadata: { in_queue_at: T0, upload_at: end, completed_at: end },
    });
    expect(task.resultUrls[0]).toMatch(new RegExp(`^${sim.baseUrl}/__sim/files/[0-9a-f]{16}\\.mp4$`));
    expect(sim.stats().nativeBodyForms).toEqual({ wrapped: 1, flat: 0 });
  });

  it("accepts the doc pages' flat body and counts the form", async () => {
    const { sim } = await startTestSimulator();
    const created = await call(sim, 'POST', '/model/v1/generation', {
      model: 'wan22_t2v_plus',
      input: { prompt: 'dance' },
      parameters: { size: '832*480' },
    });
    expect(created.status).toBe(200);
    expect(created.json.status).toBe('in_progress');
    const task = sim.tasks.get('native', created.json.id)!;
    expect(task.endAt - task.createdAt).toBeGreaterThanOrEqual(30_000); // 480p range 30-50 s
    expect(task.endAt - task.createdAt).toBeLessThanOrEqual(50_000);
    expect(sim.stats().nativeBodyForms).toEqual({ wrapped: 0, flat: 1 });
  });

  it('takes the model from an X-Model header when the body has none (the Python SDK form)', async () => {
    const { sim } = await startTestSimulator();
    const send = (body: object, model?: string) =>
      fetch(sim.url('/model/v1/generation'), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer sk-test',
          ...(model === undefined ? {} : { 'X-Model': model }),
        },
        body: JSON.stringify(body),
      });
    const { model: _model, ...bodyWithoutModel } = wrapped('wan26_t2v', { prompt: 'dance' });
    const created = await send(bodyWithoutModel, 'wan26_t2v');
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ status: 'in_progress', model: 'wan26_t2v' });
    // The body's model wins over the header.
    const both = await send(wrapped('wan22_t2v_plus', { prompt: 'dance' }), 'wan26_t2v');
    expect(await both.json()).toMatchObject({ model: 'wan22_t2v_plus' });
    const neither = await send(bodyWithoutModel);
    expect(neither.status).toBe(400);
    expect(await neither.json()).toEqual({
      error: { code: 'InvalidParameter', message: 'model is required (in the body or the X-Model header)' },
    });
  });

  it('returns n images for text-to-image, each a PNG of the requested frame', async () => {
    const { sim, clock } = await startTestSimulator();
    const created = await call(
      sim,
      'POST',
      '/model/v1/generation',
      wrapped('wan25_t2i_preview', { prompt: 'A red apple' }, { size: '1440*1440', n: 2 }),
    );
    const task = sim.tasks.get('native', created.json.id)!;
    expect(task.endAt - task.createdAt).toBeLessThanOrEqual(40_000); // images: 20-40 s
    advanceTo(clock, task.endAt);
    const done = await call(sim, 'GET', `/model/v1/generation/task/${task.id}`);
    expect(done.json.output).toEqual([
      {
        content: [
          { type: 'image', url: task.resultUrls[0], jobId: expect.any(String) },
          { type: 'image', url: task.resultUrls[1], jobId: expect.any(String) },
        ],
      },
    ]);
    expect(done.json.usage).toEqual({ cost: '0.0600', discount: 0 });
    const png = Buffer.from(await (await fetch(task.resultUrls[0]!)).arrayBuffer());
    expect(png.readUInt32BE(16)).toBe(1440);
    expect(png.readUInt32BE(20)).toBe(1440);
  });

  it.each([
    ['cli-docs', ['pending', 'processing', 'completed']],
    ['seed', ['in_queue', 'processing', 'done']],
  ] as const)('speaks the %s vocabulary', async (vocabulary, [queued, running, succeeded]) => {
    const { sim, clock } = await startTestSimulator({ nativeVocabulary: vocabulary });
    const created = await call(sim, 'POST', '/model/v1/generation', wrapped('wan26_t2v', { prompt: 'x' }));
    const id = created.json.id;
    // queued: no progress field in these vocabularies' examples
    expect(created.json).toEqual({ id, status: queued, model: 'wan26_t2v', created_at: T0 });
    const task = sim.tasks.get('native', id)!;
    advanceTo(clock, task.startAt + 1);
    expect((await call(sim, 'GET', `/model/v1/generation/task/${id}`)).json.status).toBe(running);
    advanceTo(clock, task.endAt);
    expect((await call(sim, 'GET', `/model/v1/generation/task/${id}`)).json.status).toBe(succeeded);
  });

  it.each([
    ['object', { code: 'DataInspectionFailed', message: 'Input data may contain inappropriate content.' }],
    ['string', 'DataInspectionFailed: Input data may contain inappropriate content.'],
    [
      'error_message',
      { code: 'DataInspectionFailed', error_message: 'Input data may contain inappropriate content.' },
    ],
  ] as const)('fails a content-policy prompt with the %s error form, HTTP 200', async (form, error) => {
    const { sim, clock } = await startTestSimulator({ nativeErrorForm: form });
    const created = await call(
      sim,
      'POST',
      '/model/v1/generation',
      wrapped('wan26_t2v', { prompt: 'a [[unsafe]] cat' }),
    );
    const task = sim.tasks.get('native', created.json.id)!;
    expect(task.endAt - task.startAt).toBe(2000); // moderation answers fast
    advanceTo(clock, task.endAt);
    const failed = await call(sim, 'GET', `/model/v1/generation/task/${task.id}`);
    expect(failed.status).toBe(200);
    expect(failed.json).toEqual({
      id: task.id,
      status: 'failed',
      model: 'wan26_t2v',
      progress: 1,
      created_at: T0,
      error,
    });
  });

  it('fails a [[fail]] prompt with the seed 002 internal error code', async () => {
    const { sim, clock } = await startTestSimulator();
    const created = await call(
      sim,
      'POST',
      '/model/v1/generation',
      wrapped('wan26_t2v', { prompt: '[[fail]]' }),
    );
    advanceTo(clock, sim.tasks.get('native', created.json.id)!.endAt);
    const failed = await call(sim, 'GET', `/model/v1/generation/task/${created.json.id}`);
    expect(failed.json.error).toEqual({ code: '001026095', message: 'Internal generation error' });
  });

  it.each(['1104*1472', '1472*1104', '960*1696', '1696*960', '768*2700'])(
    'accepts the seed 001 size %s for wan25_t2i_preview (recommended sizes count even below the pixel minimum)',
    async (size) => {
      const { sim } = await startTestSimulator();
      const created = await call(
        sim,
        'POST',
        '/model/v1/generation',
        wrapped('wan25_t2i_preview', { prompt: 'x' }, { size }),
      );
      expect(created.status).toBe(200);
    },
  );

  it.each([
    [
      'an unknown model',
      { model: 'wan99_t2v', input: { prompt: 'x' } },
      'model: "wan99_t2v" is not supported; allowed: wan22_t2v_plus, wan25_t2v_preview, wan26_t2v, wan26_i2v, ' +
        'wan25_i2v_preview, wan25_i2v_preview_intl, wan25_t2i_preview, wan25_t2i_preview_intl',
    ],
    ['a missing prompt', wrapped('wan26_t2v', {}), 'input.prompt is required'],
    [
      'a size outside the tiers',
      wrapped('wan22_t2v_plus', { prompt: 'x' }, { size: '1280*720' }),
      'parameters.size: "1280*720" is not allowed; allowed: 832*480, 480*832, 624*624, 1920*1080, 1080*1920, ' +
        '1440*1440, 1632*1248, 1248*1632',
    ],
    [
      'a duration the model does not take',
      wrapped('wan22_t2v_plus', { prompt: 'x' }, { duration: 10 }),
      'parameters.duration: 10 is not allowed; allowed: 5',
    ],
    [
      'a duration out of range',
      wrapped('wan26_t2v', { prompt: 'x' }, { duration: 16 }),
      'parameters.duration: 16 is not allowed; allowed: an integer 2-15',
    ],
    [
      'an image count out of range',
      wrapped('wan25_t2i_preview', { prompt: 'x' }, { n: 5 }),
      'parameters.n: 5 is not allowed; allowed: an integer 1-4',
    ],
    [
      'an image size below the pixel minimum',
      wrapped('wan25_t2i_preview', { prompt: 'x' }, { size: '1024*1024' }),
      'parameters.size: "1024*1024" total pixels 1048576 must be within [1638400, 2073600]',
    ],
    [
      'image-to-video without an image',
      wrapped('wan26_i2v', { prompt: 'x' }),
      'input.img_url is required: exactly one image URL (http(s) or data: URI)',
    ],
    [
      'an unsupported resolution',
      wrapped('wan26_i2v', { img_url: 'https://example.com/cat.png' }, { resolution: '480P' }),
      'parameters.resolution: "480P" is not allowed; allowed: 720P, 1080P',
    ],
    [
      'a seed out of range',
      wrapped('wan26_t2v', { prompt: 'x' }, { seed: -1 }),
      'parameters.seed: -1 is not allowed; allowed: an integer 0-2147483647',
    ],
    [
      'shot_type on a model without it',
      wrapped('wan22_t2v_plus', { prompt: 'x' }, { shot_type: 'multi' }),
      'parameters.shot_type is not supported by wan22_t2v_plus',
    ],
    [
      'a malformed wrapper',
      { model: 'wan26_t2v', input: [{}] },
      'input must be [{"params":{"input":{...},"parameters":{...}}}]',
    ],
  ])('answers 400 for %s', async (_what, body, message) => {
    const { sim } = await startTestSimulator();
    const response = await call(sim, 'POST', '/model/v1/generation', body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: { code: 'InvalidParameter', message } });
    expect(sim.stats().formats.native.invalid).toBe(1);
    expect(sim.stats().formats.native.creates).toBe(0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const { sim } = await startTestSimulator();
    const response = await call(sim, 'POST', '/model/v1/generation', '{"model":');
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      error: { code: 'InvalidParameter', message: 'request body is not valid JSON' },
    });
  });

  it('answers 404 for an unknown task id', async () => {
    const { sim } = await startTestSimulator();
    const response = await call(sim, 'GET', '/model/v1/generation/task/task_0000000000000000');
    expect(response.status).toBe(404);
    expect(response.json).toEqual({
      error: { code: 'TASK_NOT_FOUND', message: 'task task_0000000000000000 not found' },
    });
    expect(sim.stats().formats.native.notFound).toBe(1);
  });
});
