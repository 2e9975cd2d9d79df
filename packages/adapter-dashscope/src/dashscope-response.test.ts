import { type TaskRef, WankitError } from '@wankit/core';
import { wireResponse } from '@wankit/core/testing';
import { describe, expect, it } from 'vitest';
import { createDashScopeAdapter } from './dashscope-adapter.js';

// Bodies from /work/corpus/dashscope (sources in its SOURCES.md; "corpus NNN" names the body) and wire-formats.md
// §4.11; each test names its shape. Exact bodies in, exact neutral results out.
const adapter = createDashScopeAdapter();
const now = new Date('2026-01-02T00:00:00.000Z');
const ref: TaskRef = {
  spec: 'wankit.task/v1',
  adapter: 'dashscope',
  taskId: 'task_1',
  model: 'wan2.6-t2v',
  providerModel: 'wan2.6-t2v',
  kind: 'text-to-video',
  submittedAt: '2026-01-01T12:00:00.000Z',
};
const url = 'https://dashscope-result-sh.oss-cn-shanghai.aliyuncs.com/1d/ab/20250925/0385dc79.mp4';
const signed = `${url}?Expires=1758856048&OSSAccessKeyId=LTAI-REDACTED&Signature=REDACTED`;

const create = (body: unknown, status = 200, kind: TaskRef['kind'] = 'text-to-video') =>
  adapter.readCreate(wireResponse(status, body), { now, kind });

/** The state a status answer reads as, without `raw`. */
function status(
  body: unknown,
  options: { status?: number; kind?: TaskRef['kind']; text?: string; at?: Date; submittedAt?: string } = {},
) {
  const kind = options.kind ?? 'text-to-video';
  const { raw: _raw, ...state } = adapter.readStatus(
    wireResponse(options.status ?? 200, body, options.text === undefined ? {} : { text: options.text }),
    {
      now: options.at ?? now,
      kind,
      ref: { ...ref, kind, ...(options.submittedAt ? { submittedAt: options.submittedAt } : {}) },
    },
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

describe('create answers', () => {
  it('reads the documented answer, request_id first (corpus 009), as submitted and queued', () => {
    const answer = create({
      request_id: '8a5f98d0-b597-4d51-99fc-aef872feaa65',
      output: { task_id: '2629962d-61b8-48da-a9f7-42991179cf1c', task_status: 'PENDING' },
    });
    expect(answer.taskId).toBe('2629962d-61b8-48da-a9f7-42991179cf1c');
    expect(answer.state).toMatchObject({ status: 'queued', providerStatus: 'PENDING', outputs: [] });
  });

  it('reads output-first answers (corpus 001) the same', () => {
    expect(
      create(
        { output: { task_status: 'PENDING', task_id: '9e2b6ef6' }, request_id: '33da8e6b' },
        200,
        'text-to-image',
      ).taskId,
    ).toBe('9e2b6ef6');
  });

  it('throws invalid_response for `output: null` (corpus 019): no task id to keep', () => {
    const error = thrown(() => create({ output: null, request_id: 'req-003' }));
    expect(error.kind).toBe('invalid_response');
  });

  it('reads a refusal sent with HTTP 200 and a top-level code as that refusal', () => {
    const error = thrown(() =>
      create({ request_id: 'r1', code: 'InvalidParameter', message: 'Range of n should be [1, 4]' }),
    );
    expect({ kind: error.kind, code: error.providerCode, message: error.message }).toStrictEqual({
      kind: 'invalid_request',
      code: 'InvalidParameter',
      message: 'DashScope answered HTTP 200 InvalidParameter: Range of n should be [1, 4]',
    });
  });

  it('reads the missing async header as a request problem, not a key problem [MS-ERR]', () => {
    const error = thrown(() =>
      create(
        {
          code: 'AccessDenied',
          message: 'current user api does not support synchronous calls',
          request_id: 'r',
        },
        403,
      ),
    );
    expect({ kind: error.kind, status: error.httpStatus }).toStrictEqual({
      kind: 'invalid_request',
      status: 403,
    });
  });
});

describe('status answers', () => {
  it('reads a wan2.6 success: video_url with its Expires, usage, China-time timings (wire-formats §4.11)', () => {
    expect(
      status({
        request_id: 'caa62a12',
        output: {
          task_id: 'task_1',
          task_status: 'SUCCEEDED',
          submit_time: '2025-09-25 11:03:07.116',
          scheduled_time: '2025-09-25 11:03:07.160',
          end_time: '2025-09-25 11:07:28.590',
          orig_prompt: 'A kitten running in the moonlight',
          video_url: signed,
        },
        usage: { duration: 10, input_video_duration: 0, output_video_duration: 10, video_count: 1, SR: 720 },
      }),
    ).toStrictEqual({
      taskId: 'task_1',
      status: 'succeeded',
      providerStatus: 'SUCCEEDED',
      outputs: [{ kind: 'video', url: signed, expiresAt: '2025-09-26T03:07:28.000Z' }],
      usage: { videoSeconds: 10, outputCount: 1, extra: { duration: 10, input_video_duration: 0, SR: 720 } },
      timings: {
        createdAt: '2025-09-25T03:03:07.116Z',
        startedAt: '2025-09-25T03:03:07.160Z',
        completedAt: '2025-09-25T03:07:28.590Z',
      },
    });
  });

  it('reads the legacy usage form {video_duration, video_ratio, video_count} (corpus 011)', () => {
    expect(
      status({
        output: { task_id: 'task_1', task_status: 'SUCCEEDED', video_url: url },
        usage: { video_duration: 5, video_ratio: '1280*720', video_count: 1 },
      }).usage,
    ).toStrictEqual({ videoSeconds: 5, outputCount: 1, extra: { video_ratio: '1280*720' } });
  });

  it('reads the wan3.0 usage a third-party client expects: input seconds apart, fps and ratio kept', () => {
    // @ai-sdk/alibaba 1.0.61 src/alibaba-video-model.ts (alibabaVideoTaskStatusSchema) reads wan3's usage as
    // {duration, output_video_duration, input_video_duration ("wan3 splits the total"), fps, SR, size, ratio},
    // numbers and strings as here. The figures are made up: no wan3.0 body with `fps` has been seen.
    expect(
      status({
        output: { task_id: 'task_3', task_status: 'SUCCEEDED', video_url: url },
        usage: {
          duration: 15,
          input_video_duration: 5,
          output_video_duration: 10,
          fps: 24,
          SR: 720,
          ratio: '16:9',
        },
      }).usage,
    ).toStrictEqual({
      videoSeconds: 10,
      extra: { duration: 15, input_video_duration: 5, fps: 24, SR: 720, ratio: '16:9' },
    });
  });

  it('reads usage numbers given as strings or floats (corpus 024, 022), and a wan2.7 ratio', () => {
    expect(
      status({
        output: { task_status: 'SUCCEEDED' },
        usage: { duration: 5.5, output_video_duration: '5.5', SR: 720 },
      }).usage,
    ).toStrictEqual({ videoSeconds: 5.5, extra: { duration: 5.5, SR: 720 } });
    expect(
      status({
        output: { task_status: 'SUCCEEDED', video_url: url },
        usage: {
          duration: 15,
          input_video_duration: 0,
          output_video_duration: 15,
          video_count: 1,
          SR: 1080,
          ratio: '16:9',
        },
      }).usage,
    ).toStrictEqual({
      videoSeconds: 15,
      outputCount: 1,
      extra: { duration: 15, input_video_duration: 0, SR: 1080, ratio: '16:9' },
    });
  });

  it('keeps a success without URL a success (corpus 020), with no outputs', () => {
    expect(
      status({ output: { task_id: 'task_1', task_status: 'SUCCEEDED', video_url: null } }),
    ).toStrictEqual({
      taskId: 'task_1',
      status: 'succeeded',
      providerStatus: 'SUCCEEDED',
      outputs: [],
      timings: {},
    });
  });

  it('reads image results, and names the images that failed in a SUCCEEDED task (corpus 025, [MS-TASKS])', () => {
    const state = status(
      {
        output: {
          task_id: 'task_1',
          task_status: 'SUCCEEDED',
          results: [
            { url: 'https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/xxx1.png' },
            { url: 'https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/xxx2.png' },
            { code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' },
          ],
          task_metrics: { TOTAL: 3, SUCCEEDED: 2, FAILED: 1 },
        },
        usage: { image_count: 2 },
      },
      { kind: 'text-to-image' },
    );
    expect(state).toStrictEqual({
      taskId: 'task_1',
      status: 'succeeded',
      providerStatus: 'SUCCEEDED',
      outputs: [
        { kind: 'image', url: 'https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/xxx1.png' },
        { kind: 'image', url: 'https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/xxx2.png' },
      ],
      usage: { outputCount: 2 },
      timings: {},
      warnings: [
        {
          type: 'other',
          message:
            '1 of 3 images failed: DataInspectionFailed (Output data may contain inappropriate content.); the task succeeded with the other 2',
        },
      ],
    });
  });

  it('is not fooled by error-looking fields on a success (corpus 008, 021)', () => {
    expect(
      status(
        {
          request_id: 'f927c766',
          output: {
            task_id: 'c4f94e00',
            task_status: 'SUCCEEDED',
            error_message: 'Success',
            error_code: 0,
            results: [{ url: 'https://dashscope-result-bj.oss-cn-beijing.aliyuncs.com/a.jpg' }],
          },
          usage: { image_count: 1 },
          status_code: 200,
          code: '',
          message: '',
        },
        { kind: 'text-to-image' },
      ),
    ).toMatchObject({ status: 'succeeded', outputs: [{ kind: 'image' }] });
  });

  it('reads a failure: output.code and output.message (wire-formats §4.11)', () => {
    expect(
      status({
        output: {
          task_id: 'task_1',
          task_status: 'FAILED',
          code: 'DataInspectionFailed',
          message: 'Input data may contain inappropriate content.',
        },
      }).error,
    ).toStrictEqual({
      kind: 'content_policy',
      code: 'DataInspectionFailed',
      message: 'Input data may contain inappropriate content.',
    });
    // A failed image task tells its reason in results[] only.
    expect(
      status(
        {
          output: {
            task_status: 'FAILED',
            results: [{ code: 'InternalError.Algo', message: 'Algorithm process error.' }],
          },
        },
        { kind: 'text-to-image' },
      ).error,
    ).toStrictEqual({
      kind: 'provider_error',
      code: 'InternalError.Algo',
      message: 'Algorithm process error.',
    });
    // No code (corpus 017): the words decide.
    expect(
      status({ output: { task_status: 'FAILED', message: 'Content policy violation' } }).error,
    ).toStrictEqual({
      kind: 'content_policy',
      message: 'Content policy violation',
    });
    expect(status({ output: { task_status: 'FAILED' } }).error).toStrictEqual({
      kind: 'provider_error',
      message: 'the task failed without a reason',
    });
  });

  it('reads CANCELED and SUSPENDED (SDK enum: unknown, asked again)', () => {
    expect(status({ output: { task_id: 'task_1', task_status: 'CANCELED' } }).status).toBe('canceled');
    expect(status({ output: { task_id: 'task_1', task_status: 'SUSPENDED' } })).toMatchObject({
      status: 'unknown',
      providerStatus: 'SUSPENDED',
    });
  });

  it('reads UNKNOWN on a task younger than 24 h as unknown (asked again), with why', () => {
    expect(status({ output: { task_id: 'task_1', task_status: 'UNKNOWN' } })).toStrictEqual({
      taskId: 'task_1',
      status: 'unknown',
      providerStatus: 'UNKNOWN',
      outputs: [],
      timings: {},
      warnings: [
        {
          type: 'other',
          message:
            'DashScope does not know task task_1 (UNKNOWN): it may not be visible yet, or it was submitted with another key, region or workspace; asking again',
        },
      ],
    });
  });

  it('ends the wait on UNKNOWN for a task submitted more than 24 h ago: not_found, expired [MS-TASKS]', () => {
    const error = thrown(() =>
      status(
        { request_id: '85c25460', output: { task_id: 'task_1', task_status: 'UNKNOWN' } },
        { submittedAt: '2025-12-31T23:00:00.000Z' },
      ),
    );
    expect({
      kind: error.kind,
      retryable: error.retryable,
      code: error.providerCode,
      message: error.message,
    }).toStrictEqual({
      kind: 'not_found',
      retryable: false,
      code: 'UNKNOWN',
      message:
        'DashScope reports task task_1 as UNKNOWN: task ids (and their results) are kept 24 h and this one was submitted 25 h ago (2025-12-31T23:00:00.000Z); it has expired',
    });
    // Exactly 24 h is still within the retention.
    expect(
      status({ output: { task_status: 'UNKNOWN' } }, { submittedAt: '2026-01-01T00:00:00.000Z' }).status,
    ).toBe('unknown');
  });

  it('reads relay envelopes and flattened bodies (tolerance)', () => {
    expect(
      status({ code: 0, message: 'success', data: { output: { task_status: 'SUCCEEDED', video_url: url } } })
        .outputs,
    ).toStrictEqual([{ kind: 'video', url }]);
    expect(status({ task_id: 'task_1', task_status: 'RUNNING', progress: '30%' })).toMatchObject({
      status: 'running',
      progress: 0.3,
    });
    expect(status({ output: { task_status: 'SUCCEEDED' }, video_url: url }).outputs).toStrictEqual([
      { kind: 'video', url },
    ]);
  });

  it('throws invalid_response for bodies with no task (read again by core)', () => {
    expect(thrown(() => status({ request_id: 'r' })).kind).toBe('invalid_response');
    expect(thrown(() => status(undefined, { text: '' })).kind).toBe('invalid_response');
  });
});

describe('refusals', () => {
  const refusal = (httpStatus: number, body?: unknown, text?: string) => {
    const error = thrown(() => status(body, { status: httpStatus, ...(text === undefined ? {} : { text }) }));
    return { kind: error.kind, code: error.providerCode, retryable: error.retryable, message: error.message };
  };

  it('says that key, model and region must match on a 401 that smells of another region (corpus 006)', () => {
    expect(
      refusal(401, { code: 'InvalidApiKey', message: 'Invalid API-key provided.', request_id: 'a1c0' }),
    ).toStrictEqual({
      kind: 'authentication',
      code: 'InvalidApiKey',
      retryable: false,
      message:
        'DashScope answered HTTP 401 InvalidApiKey: Invalid API-key provided. (key, model and region must match; this adapter uses region singapore (host provider.test))',
    });
    // No key at all is not a region problem (corpus 029).
    expect(refusal(401, { code: 'InvalidApiKey', message: 'No API-key provided.' }).message).toBe(
      'DashScope answered HTTP 401 InvalidApiKey: No API-key provided.',
    );
  });

  it('names the region on "Model not exist." (corpus 014), ModelNotFound and WorkSpaceNotFound', () => {
    const beijing = createDashScopeAdapter({ region: 'beijing' });
    const error = thrown(() =>
      beijing.readCreate(
        wireResponse(
          400,
          { code: 'InvalidParameter', message: 'Model not exist.', request_id: 'd785' },
          {
            url: 'https://dashscope.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis',
          },
        ),
        { now, kind: 'text-to-video' },
      ),
    );
    expect({ kind: error.kind, message: error.message }).toStrictEqual({
      kind: 'invalid_request',
      message:
        'DashScope answered HTTP 400 InvalidParameter: Model not exist. (key, model and region must match; this adapter uses region beijing (host dashscope.aliyuncs.com))',
    });
    expect(refusal(404, { code: 'ModelNotFound', message: 'Model not found.' })).toMatchObject({
      kind: 'not_found',
      message: expect.stringContaining('key, model and region must match'),
    });
    expect(refusal(404, { code: 'WorkSpaceNotFound', message: 'Workspace not found.' }).kind).toBe(
      'not_found',
    );
  });

  it('maps the codes the toolkit lacks, and billing states', () => {
    expect(refusal(429, { code: 'Throttling.BurstRate', message: 'slow down' })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
    });
    expect(refusal(400, { code: 'InvalidURL.ConnectionRefused', message: 'refused' }).kind).toBe(
      'invalid_input_url',
    );
    expect(refusal(400, { code: 'InvalidFile.Resolution', message: 'too small' }).kind).toBe(
      'invalid_request',
    );
    expect(refusal(503, { code: 'ModelServingError', message: 'down' })).toMatchObject({
      kind: 'provider_error',
      retryable: true,
    });
    expect(
      refusal(400, {
        code: 'Arrearage',
        message: 'Access denied, please make sure your account is in good standing.',
      }).kind,
    ).toBe('insufficient_balance');
    expect(
      refusal(429, { code: 'Throttling.AllocationQuota', message: 'Free allocated quota exceeded.' }).kind,
    ).toBe('insufficient_balance');
    expect(
      refusal(429, {
        code: 'Throttling.AllocationQuota',
        message: 'Allocated quota exceeded, please increase your quota limit.',
      }).kind,
    ).toBe('rate_limited');
    expect(refusal(403, { code: 'AllocationQuota.FreeTierOnly', message: 'free quota exhausted' }).kind).toBe(
      'insufficient_balance',
    );
    expect(refusal(403, { code: 'Workspace.AccessDenied', message: 'no' }).kind).toBe('authentication');
    expect(
      refusal(400, {
        code: 'invalid_parameter_error',
        message: 'InternalError.Algo.InvalidParameter: The provided URL does not appear to be valid.',
      }).kind,
    ).toBe('invalid_input_url');
  });

  it('classifies bodies without a code by their HTTP status (corpus 031: the gateway 404, empty)', () => {
    expect(refusal(404, undefined, '')).toStrictEqual({
      kind: 'not_found',
      code: undefined,
      retryable: false,
      message: 'DashScope answered HTTP 404',
    });
    expect(refusal(502, undefined, '<html>502 Bad Gateway</html>').kind).toBe('provider_error');
  });
});

describe('cancel answers', () => {
  const cancel = (status: number, body: unknown) =>
    adapter.readCancel?.(wireResponse(status, body), { now, kind: 'text-to-video', ref });

  it('reads the documented success, {request_id} alone (corpus 026), as no state: core reads the status', () => {
    expect(cancel(200, { request_id: '45ac7f13' })).toBeUndefined();
  });

  it('reads a relay that answers with the task as that task', () => {
    expect(cancel(200, { output: { task_id: 'task_1', task_status: 'CANCELED' } })).toMatchObject({
      status: 'canceled',
    });
  });

  it('says only PENDING tasks can be canceled on 400 UnsupportedOperation (corpus 005)', () => {
    const error = thrown(() =>
      cancel(400, {
        request_id: '4d496c94',
        code: 'UnsupportedOperation',
        message: 'Failed to cancel the task, please confirm if the task is in PENDING status.',
      }),
    );
    expect({ kind: error.kind, code: error.providerCode, message: error.message }).toStrictEqual({
      kind: 'invalid_request',
      code: 'UnsupportedOperation',
      message:
        'DashScope answered HTTP 400 UnsupportedOperation: Failed to cancel the task, please confirm if the task is in PENDING status. (DashScope cancels only PENDING tasks; this one has started or ended: read its status)',
    });
  });

  it('reads other refusals as they are', () => {
    expect(
      thrown(() => cancel(401, { code: 'InvalidApiKey', message: 'Invalid API-key provided.' })).kind,
    ).toBe('authentication');
    expect(
      thrown(() => cancel(200, { code: 'InvalidParameter', message: 'bad id', request_id: 'r' })).kind,
    ).toBe('invalid_request');
  });
});
