import { type TaskRef, WankitError } from '@wankit/core';
import { wireResponse } from '@wankit/core/testing';
import { describe, expect, it } from 'vitest';
import { createNativeAdapter } from './native-adapter.js';

// Bodies from /work/corpus/native (sources in its SOURCES.md; the NNN in each test names the body) and
// wire-formats.md §1.11. Each test names its shape.
const adapter = createNativeAdapter();
const now = new Date('2026-01-01T00:00:00Z');
const ref = { adapter: 'native', taskId: 'task_1', kind: 'text-to-video' } as TaskRef;
const video = 'https://cdn.vtrix.ai/output/8c1f0e2a9b7d4e31.mp4';

const create = (body: unknown, status = 200, kind: TaskRef['kind'] = 'text-to-video') =>
  adapter.readCreate(wireResponse(status, body), { now, kind });

/** The state a status answer reads as, without `raw` (asserted once below). */
function status(body: unknown, httpStatus = 200, kind: TaskRef['kind'] = 'text-to-video', text?: string) {
  const { raw: _raw, ...state } = adapter.readStatus(
    wireResponse(httpStatus, body, text === undefined ? {} : { text }),
    { now, kind, ref: { ...ref, kind } },
  );
  return state;
}

function thrown(call: () => unknown): WankitError {
  try {
    call();
  } catch (error) {
    if (WankitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a WankitError');
}

const failed = (body: object) => status({ id: 'task_1', status: 'failed', ...body }).error;

describe('native create answers', () => {
  it('reads the bare task object as submitted, with the state it carries (wire-formats §1.11)', () => {
    const answer = create({
      id: 'task_8c1f',
      status: 'in_progress',
      model: 'wan26_t2v',
      progress: 0,
      created_at: 1767225600,
    });
    expect(answer).toStrictEqual({
      taskId: 'task_8c1f',
      state: {
        taskId: 'task_8c1f',
        status: 'running',
        providerStatus: 'in_progress',
        progress: 0,
        outputs: [],
        timings: { createdAt: '2026-01-01T00:00:00.000Z' },
        raw: {
          id: 'task_8c1f',
          status: 'in_progress',
          model: 'wan26_t2v',
          progress: 0,
          created_at: 1767225600,
        },
      },
    });
  });

  it.each([
    ['`task_id` for `id` (026)', { task_id: 'task_abc001', status: 'in_progress' }],
    [
      'a relay envelope {code:0, msg, data}',
      { code: 0, msg: 'ok', data: { id: 'task_abc001', status: 'in_progress' } },
    ],
    [
      "the gateway family's envelope {status:{code:200}, data}",
      { status: { code: 200, message: 'ok' }, data: { id: 'task_abc001', status: 'in_progress' } },
    ],
  ])('reads %s', (_shape, body) => {
    const answer = create(body);
    expect(answer.taskId).toBe('task_abc001');
    expect(answer.state).toMatchObject({
      taskId: 'task_abc001',
      status: 'running',
      providerStatus: 'in_progress',
    });
  });

  it('keeps the task of a /sync HTTP 504: still running, the SYNC_TIMEOUT is no failure (019)', () => {
    const answer = create(
      {
        id: 'task_sync_slow',
        status: 'in_progress',
        error: { code: 'SYNC_TIMEOUT', message: 'waited 15m0s, still running' },
      },
      504,
    );
    const { raw: _raw, ...state } = answer.state ?? { raw: undefined };
    expect({ taskId: answer.taskId, state }).toStrictEqual({
      taskId: 'task_sync_slow',
      state: {
        taskId: 'task_sync_slow',
        status: 'running',
        providerStatus: 'in_progress',
        outputs: [],
        timings: {},
      },
    });
  });

  it('reads a terminal /sync answer with its outputs and cost (016)', () => {
    const { raw: _raw, ...state } =
      create(
        {
          id: 'task_sync_1',
          status: 'completed',
          model: 'microsoft_gpt_image_2_5_flare',
          output: [{ content: [{ type: 'image', url: 'https://cdn.example.com/out.webp' }] }],
          usage: { cost: '0.0065', discount: 1 },
        },
        200,
        'text-to-image',
      ).state ?? {};
    expect(state).toStrictEqual({
      taskId: 'task_sync_1',
      status: 'succeeded',
      providerStatus: 'completed',
      outputs: [{ kind: 'image', url: 'https://cdn.example.com/out.webp' }],
      usage: { cost: 0.0065, currency: 'USD', discount: 1 },
      timings: {},
    });
  });

  it('is unsure, not wrong, about a 2xx answer without an id (V9 counts it as a failed create)', () => {
    const error = thrown(() => create({ status: 'in_progress', model: 'wan26_t2v' }));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toContain('the create answer carries no task id');
  });
});

describe('native refusals (any HTTP error form the sources show)', () => {
  it.each([
    [
      '429 {error:{code:int, message}} (021)',
      429,
      { error: { code: 1002, message: 'rate limited' } },
      'rate_limited',
      '1002',
      'native gateway answered HTTP 429 1002: rate limited',
    ],
    [
      '401 {error:{message}} (022)',
      401,
      { error: { message: 'invalid api key' } },
      'authentication',
      undefined,
      'native gateway answered HTTP 401: invalid api key',
    ],
    [
      '400 {message} (023)',
      400,
      { message: 'bad request' },
      'invalid_request',
      undefined,
      'native gateway answered HTTP 400: bad request',
    ],
    [
      '401 {error:"…"} (025)',
      401,
      { error: 'Missing Token' },
      'authentication',
      undefined,
      'native gateway answered HTTP 401: Missing Token',
    ],
    [
      '402 {status:{code, message, error_code}, data:null} (024)',
      402,
      { status: { code: 402, message: 'Insufficient credits', error_code: 40201 }, data: null },
      'insufficient_balance',
      '40201',
      'native gateway answered HTTP 402 40201: Insufficient credits',
    ],
    [
      '403 naming the balance',
      403,
      { error: { message: 'insufficient balance, please recharge' } },
      'insufficient_balance',
      undefined,
      'native gateway answered HTTP 403: insufficient balance, please recharge',
    ],
    [
      '403 without it',
      403,
      { error: { message: 'permission denied' } },
      'authentication',
      undefined,
      'native gateway answered HTTP 403: permission denied',
    ],
    [
      '400 forwarding a DashScope moderation failure',
      400,
      {
        error: {
          code: 'InvalidParameter',
          message: 'DataInspectionFailed: Input data may contain inappropriate content.',
        },
      },
      'invalid_request',
      'InvalidParameter',
      'native gateway answered HTTP 400 InvalidParameter: DataInspectionFailed: Input data may contain inappropriate content.',
    ],
    [
      '400 forwarding it without a code',
      400,
      { message: 'DataInspectionFailed: Input data may contain inappropriate content.' },
      'content_policy',
      undefined,
      'native gateway answered HTTP 400: DataInspectionFailed: Input data may contain inappropriate content.',
    ],
    [
      '504 without a task (the /sync limit)',
      504,
      { error: { code: 'SYNC_TIMEOUT', message: 'waited 15m0s' } },
      'timeout',
      'SYNC_TIMEOUT',
      'native gateway answered HTTP 504 SYNC_TIMEOUT: waited 15m0s',
    ],
  ])('reads %s', (_shape, httpStatus, body, kind, code, message) => {
    for (const read of [() => create(body, httpStatus), () => status(body, httpStatus)]) {
      const error = thrown(read);
      expect({
        kind: error.kind,
        code: error.providerCode,
        message: error.message,
        http: error.httpStatus,
      }).toStrictEqual({
        kind,
        code,
        message,
        http: httpStatus,
      });
    }
  });

  it("reads a refusal in the gateway family's envelope sent with HTTP 200", () => {
    const body = { status: { code: 402, message: 'Insufficient credits', error_code: 40201 }, data: null };
    expect(thrown(() => create(body))).toMatchObject({ kind: 'insufficient_balance', providerCode: '40201' });
    expect(thrown(() => status(body))).toMatchObject({ kind: 'insufficient_balance', providerCode: '40201' });
  });

  it('reads an HTML error page as the provider error its status says, retryable', () => {
    const error = thrown(() => status(undefined, 502, 'text-to-video', '<html>Bad Gateway</html>'));
    expect({ kind: error.kind, retryable: error.retryable }).toStrictEqual({
      kind: 'provider_error',
      retryable: true,
    });
  });
});

describe('native status answers', () => {
  it('reads a finished video with its cost, discount and times (wire-formats §1.11)', () => {
    const body = {
      id: 'task_8c1f',
      status: 'completed',
      model: 'wan26_t2v',
      progress: 1,
      created_at: 1767225600,
      output: [{ content: [{ type: 'video', url: video, jobId: '0385dc79' }] }],
      usage: { cost: '0.7500', discount: 0, quantity: 5, unit_price: '0.15' },
      metadata: { in_queue_at: 1767225601, upload_at: 1767225788, completed_at: 1767225790 },
    };
    const state = adapter.readStatus(wireResponse(200, body), { now, kind: 'text-to-video', ref });
    expect(state).toStrictEqual({
      taskId: 'task_8c1f',
      status: 'succeeded',
      providerStatus: 'completed',
      progress: 1,
      outputs: [{ kind: 'video', url: video }],
      usage: { cost: 0.75, currency: 'USD', discount: 0, extra: { quantity: 5, unit_price: '0.15' } },
      timings: {
        createdAt: '2026-01-01T00:00:00.000Z',
        startedAt: '2026-01-01T00:00:01.000Z',
        completedAt: '2026-01-01T00:03:10.000Z',
      },
      raw: body,
    });
  });

  it.each([
    ['a fraction (003)', 0.4, 0.4],
    ['a percentage (relays)', 40, 0.4],
    ['a percent string (relays)', '40%', 0.4],
  ])('reads progress as %s', (_shape, progress, read) => {
    expect(status({ id: 'task_wait', status: 'in_progress', progress }).progress).toBe(read);
  });

  it('reads the CLI docs body: task_id, video_url type, ISO times (026)', () => {
    expect(
      status({
        task_id: 'task_abc001',
        status: 'completed',
        created_at: '2026-04-10T14:32:05Z',
        completed_at: '2026-04-10T14:32:51Z',
        output: [{ content: [{ type: 'video_url', url: video }] }],
      }),
    ).toStrictEqual({
      taskId: 'task_abc001',
      status: 'succeeded',
      providerStatus: 'completed',
      outputs: [{ kind: 'video', url: video }],
      timings: { createdAt: '2026-04-10T14:32:05.000Z', completedAt: '2026-04-10T14:32:51.000Z' },
    });
  });

  it.each([
    ['no output key (006)', {}],
    ['output [] (008)', { output: [] }],
    ['content without a URL', { output: [{ content: [{ type: 'text' }] }] }],
  ])('reads success without a URL as success, no outputs: %s', (_shape, extra) => {
    expect(status({ id: 'task_1', status: 'completed', ...extra })).toMatchObject({
      status: 'succeeded',
      outputs: [],
    });
  });

  it('takes an untyped or `url`-typed item as the request kind, skips audio and text (009, 010, 017)', () => {
    const content = [
      { url: 'https://cdn.example.com/a.mp4', img_id: 12 },
      { type: 'url', url: 'https://cdn.example.com/b.mp4' },
      { type: 'audio', url: 'https://cdn.example.com/track.mp3' },
      { type: 'text', text: 'caption' },
      { type: 'image', url: 'https://cdn.example.com/cover.png' },
    ];
    const body = { id: 'task_1', status: 'completed', output: [{ content }] };
    expect(status(body, 200, 'image-to-video').outputs).toStrictEqual([
      { kind: 'video', url: 'https://cdn.example.com/a.mp4' },
      { kind: 'video', url: 'https://cdn.example.com/b.mp4' },
      { kind: 'image', url: 'https://cdn.example.com/cover.png' },
    ]);
    expect(status(body, 200, 'text-to-image').outputs.map((output) => output.kind)).toStrictEqual([
      'image',
      'image',
      'image',
    ]);
  });

  it('finds a result a relay flattened to the top level', () => {
    expect(status({ id: 'task_1', status: 'completed', video_url: video }).outputs).toStrictEqual([
      { kind: 'video', url: video },
    ]);
  });

  it('reads the status word beside the output content when the top level has none (seed 002 layout)', () => {
    expect(
      status({ id: 'task_1', output: [{ status: 'done', content: [{ type: 'video', url: video }] }] }),
    ).toMatchObject({
      status: 'succeeded',
      providerStatus: 'done',
      outputs: [{ kind: 'video', url: video }],
    });
  });

  it('keeps a running task running when an error rides beside it (a stream error frame, 020)', () => {
    expect(
      status({
        id: 'task_s',
        status: 'in_progress',
        error: { code: 'SYNC_TIMEOUT', error_message: 'still running' },
      }),
    ).toStrictEqual({
      taskId: 'task_s',
      status: 'running',
      providerStatus: 'in_progress',
      outputs: [],
      timings: {},
    });
  });

  it('keeps an unknown word, with status unknown', () => {
    expect(status({ id: 'task_1', status: 'paused' })).toStrictEqual({
      taskId: 'task_1',
      status: 'unknown',
      providerStatus: 'paused',
      outputs: [],
      timings: {},
    });
  });

  it('reads through envelopes: a relay code envelope and the gateway family status envelope', () => {
    const task = {
      id: 'task_1',
      status: 'completed',
      output: [{ content: [{ type: 'video', url: video }] }],
    };
    for (const body of [
      { code: '200', message: 'success', data: task },
      { status: { code: 0, message: 'ok' }, data: task },
    ]) {
      expect(status(body)).toMatchObject({ status: 'succeeded', outputs: [{ kind: 'video', url: video }] });
    }
  });

  it('throws invalid_response for a body without a status word, and a typed error for an error body', () => {
    expect(thrown(() => status({ id: 'task_1', progress: 0.4 })).kind).toBe('invalid_response');
    expect(thrown(() => status(undefined, 200, 'text-to-video', '{"id": "task_1", "sta')).kind).toBe(
      'invalid_response',
    );
    expect(thrown(() => status({ error: { message: 'task not found' } }))).toMatchObject({
      kind: 'provider_error',
      message: 'native gateway answered HTTP 200: task not found',
    });
  });
});

describe('native task failures', () => {
  it.each([
    [
      'error_message only (011)',
      { error: { error_message: 'provider rejected request' } },
      { kind: 'provider_error', message: 'provider rejected request' },
    ],
    [
      'an integer code with a moderation message (012): the message decides',
      { error: { code: 110001, message: 'input image may contain sensitive information' } },
      { kind: 'content_policy', code: '110001', message: 'input image may contain sensitive information' },
    ],
    [
      'the same code, another message (018)',
      { error: { code: 110001, message: 'vendor rejected' } },
      { kind: 'provider_error', code: '110001', message: 'vendor rejected' },
    ],
    [
      'a download failure with an empty cost (013)',
      { error: { code: 190000, message: 'download input audio failed' }, usage: { cost: '' } },
      { kind: 'invalid_input_url', code: '190000', message: 'download input audio failed' },
    ],
    ['a plain string (014)', { error: 'bad' }, { kind: 'provider_error', message: 'bad' }],
    [
      'a forwarded DashScope string: its code becomes the code',
      { error: 'DataInspectionFailed: Input data may contain inappropriate content.' },
      {
        kind: 'content_policy',
        code: 'DataInspectionFailed',
        message: 'DataInspectionFailed: Input data may contain inappropriate content.',
      },
    ],
    [
      'a seed 002 request code',
      { error: { code: '001026002', message: 'reference_video_urls cannot be used with audio parameter' } },
      {
        kind: 'invalid_request',
        code: '001026002',
        message: 'reference_video_urls cannot be used with audio parameter',
      },
    ],
    [
      'a seed 002 internal code',
      { error: { code: '001026095', message: 'Internal generation error' } },
      { kind: 'provider_error', code: '001026095', message: 'Internal generation error' },
    ],
    [
      'an input URL word (INFERRED)',
      { error: { message: 'the input url is not reachable' } },
      { kind: 'invalid_input_url', message: 'the input url is not reachable' },
    ],
    [
      'a reason beside the task (relays)',
      { fail_reason: 'quota exceeded upstream' },
      { kind: 'provider_error', message: 'quota exceeded upstream' },
    ],
    ['no reason at all', {}, { kind: 'provider_error', message: 'the task failed without a reason' }],
  ])('reads %s', (_shape, body, error) => {
    expect(failed(body)).toStrictEqual(error);
  });

  it('keeps the outputs a failed task carries (015)', () => {
    expect(
      status(
        {
          id: 't',
          status: 'failed',
          error: { error_message: 'bad' },
          output: [{ content: [{ type: 'image', url: 'https://u', img_id: 7 }, { type: 'text' }] }],
        },
        200,
        'text-to-image',
      ),
    ).toStrictEqual({
      taskId: 't',
      status: 'failed',
      providerStatus: 'failed',
      outputs: [{ kind: 'image', url: 'https://u' }],
      error: { kind: 'provider_error', message: 'bad' },
      timings: {},
    });
  });
});
