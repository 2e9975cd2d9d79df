import { type GenerationRequest, WankitError } from '@wankit/core';
import type {
  AdapterCallContext,
  AdapterRequestInput,
  WireRequest,
  WireResponse,
} from '@wankit/core/adapter';
import { wireResponse } from '@wankit/core/testing';
import { describe, expect, it } from 'vitest';
import { createDashScopeAdapter } from './dashscope-adapter.js';

// The temporary-upload flow [MS-UPLOAD], with the API and the OSS host faked: what is asked
// of each, in which order, and how their refusals read.
const pngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const png = `data:image/png;base64,${pngBase64}`;
const now = new Date('2026-01-01T00:00:00Z');

// The doc's example `data`, with a host and a directory of our own.
const policyData = {
  policy: 'eyJleHBpcmF0aW9uIjoiMjAyNi0wMS0wMVQwMDowNTowMFoifQ==',
  signature: 'g5K6HjxG2Ulbf0k+XzbsiY8BR5o=',
  upload_dir: 'dashscope-instant/abc123/2026-01-01/0c5d',
  upload_host: 'https://dashscope-file-xxx.oss-cn-beijing.aliyuncs.com',
  expire_in_seconds: 300,
  max_file_size_mb: 100,
  capacity_limit_mb: 999999999,
  oss_access_key_id: 'LTAI-EXAMPLE',
  x_oss_object_acl: 'private',
  x_oss_forbid_overwrite: 'true',
};

interface Recorded {
  readonly api: WireRequest[];
  readonly forms: {
    url: string;
    fields: [string, string][];
    file?: { name: string; type: string; bytes: number };
  }[];
}

function context(options: { policy?: WireResponse; oss?: WireResponse; postForm?: false } = {}): {
  context: AdapterCallContext;
  recorded: Recorded;
} {
  const recorded: Recorded = { api: [], forms: [] };
  const context: AdapterCallContext = {
    now: () => now,
    http: {
      async send(request) {
        recorded.api.push(request);
        return options.policy ?? wireResponse(200, { request_id: 'r1', data: policyData });
      },
    },
    ...(options.postForm === false
      ? {}
      : {
          async postForm(url: string, form: FormData) {
            const fields: [string, string][] = [];
            let file: Recorded['forms'][number]['file'];
            for (const [name, value] of form.entries()) {
              if (typeof value === 'string') fields.push([name, value]);
              else {
                fields.push([name, '<file>']);
                file = { name: value.name, type: value.type, bytes: value.size };
              }
            }
            recorded.forms.push({ url, fields, ...(file ? { file } : {}) });
            return options.oss ?? wireResponse(200, undefined, { url });
          },
        }),
  };
  return { context, recorded };
}

const input = (request: Record<string, unknown>, providerModel = 'wan2.6-i2v'): AdapterRequestInput => ({
  request: request as GenerationRequest,
  model: undefined,
  providerModel,
});
const uploading = { dashscope: { upload: true } };

async function failure(call: Promise<unknown>): Promise<WankitError> {
  const outcome = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!WankitError.isInstance(outcome)) throw new Error(`expected a WankitError, got ${String(outcome)}`);
  return outcome;
}

describe('temporary uploads', () => {
  it('gets a policy for the model, posts the form with `file` last, and sends oss://<key> [MS-UPLOAD]', async () => {
    const adapter = createDashScopeAdapter({ workspaceId: 'ws-9' });
    const { context: ctx, recorded } = context();
    const prepared = await adapter.prepareInputs!(
      input({ kind: 'image-to-video', model: 'wan2.6-i2v', image: png, providerOptions: uploading }),
      ctx,
    );
    expect(recorded.api).toStrictEqual([
      {
        method: 'GET',
        path: '/api/v1/uploads',
        query: { action: 'getPolicy', model: 'wan2.6-i2v' },
        headers: { 'X-DashScope-WorkSpace': 'ws-9' },
        purpose: 'read',
      },
    ]);
    expect(recorded.forms).toStrictEqual([
      {
        url: 'https://dashscope-file-xxx.oss-cn-beijing.aliyuncs.com',
        fields: [
          ['OSSAccessKeyId', 'LTAI-EXAMPLE'],
          ['policy', policyData.policy],
          ['Signature', policyData.signature],
          ['key', 'dashscope-instant/abc123/2026-01-01/0c5d/image.png'],
          ['x-oss-object-acl', 'private'],
          ['x-oss-forbid-overwrite', 'true'],
          ['x-oss-content-type', 'image/png'],
          ['success_action_status', '200'],
          ['file', '<file>'],
        ],
        file: { name: 'image.png', type: 'image/png', bytes: 70 },
      },
    ]);
    expect(prepared.request).toMatchObject({
      image: 'oss://dashscope-instant/abc123/2026-01-01/0c5d/image.png',
    });
    // The create then carries the header that lets DashScope read it.
    expect(adapter.createRequest(prepared).wire.headers).toStrictEqual({
      'X-DashScope-WorkSpace': 'ws-9',
      'X-DashScope-Async': 'enable',
      'X-DashScope-OssResourceResolve': 'enable',
    });
  });

  it('uploads each inline image (frames, references) under its own policy and keeps URLs as they are', async () => {
    const adapter = createDashScopeAdapter();
    const { context: ctx, recorded } = context();
    const prepared = await adapter.prepareInputs!(
      input(
        {
          kind: 'reference-to-video',
          model: 'wan2.7-r2v',
          prompt: 'Image 1',
          references: [
            png,
            'https://example.com/dog.mp4',
            { url: png, type: 'image', voiceUrl: 'https://v.example/a.mp3' },
          ],
          image: png,
          providerOptions: uploading,
        },
        'wan2.7-r2v',
      ),
      ctx,
    );
    expect(recorded.api).toHaveLength(3);
    expect(recorded.forms.map((form) => form.file?.name)).toStrictEqual([
      'image.png',
      'reference-1.png',
      'reference-3.png',
    ]);
    const dir = 'oss://dashscope-instant/abc123/2026-01-01/0c5d';
    expect(prepared.request).toMatchObject({
      image: `${dir}/image.png`,
      references: [
        `${dir}/reference-1.png`,
        'https://example.com/dog.mp4',
        { url: `${dir}/reference-3.png`, type: 'image', voiceUrl: 'https://v.example/a.mp3' },
      ],
    });
  });

  it('does nothing without `upload: true`, or when nothing is inline', async () => {
    const adapter = createDashScopeAdapter();
    const { context: ctx, recorded } = context();
    const plain = input({ kind: 'image-to-video', model: 'wan2.6-i2v', image: png });
    expect(await adapter.prepareInputs!(plain, ctx)).toBe(plain);
    const hosted = input({
      kind: 'image-to-video',
      model: 'wan2.6-i2v',
      image: 'https://example.com/cat.png',
      providerOptions: uploading,
    });
    expect(await adapter.prepareInputs!(hosted, ctx)).toBe(hosted);
    expect(recorded).toStrictEqual({ api: [], forms: [] });
  });

  it('refuses when the context offers no way to reach the upload host (a hand-built context)', async () => {
    const { context: ctx, recorded } = context({ postForm: false });
    const error = await failure(
      createDashScopeAdapter().prepareInputs!(
        input({ kind: 'image-to-video', model: 'wan2.6-i2v', image: png, providerOptions: uploading }),
        ctx,
      ),
    );
    expect({ kind: error.kind, field: error.field }).toStrictEqual({
      kind: 'unsupported',
      field: 'providerOptions.dashscope.upload',
    });
    expect(recorded.api).toStrictEqual([]);
  });

  const attempt = (options: Parameters<typeof context>[0], image = png) =>
    failure(
      createDashScopeAdapter().prepareInputs!(
        input({ kind: 'image-to-video', model: 'wan2.6-i2v', image, providerOptions: uploading }),
        context(options).context,
      ),
    );

  it('reads getPolicy refusals as DashScope refusals (HTTP error, or a code on HTTP 200)', async () => {
    const unauthorized = await attempt({
      policy: wireResponse(401, { code: 'InvalidApiKey', message: 'Invalid API-key provided.' }),
    });
    expect(unauthorized.kind).toBe('authentication');
    const throttled = await attempt({
      policy: wireResponse(200, {
        request_id: 'r',
        code: 'Throttling.RateQuota',
        message: 'Requests rate limit exceeded',
      }),
    });
    expect({ kind: throttled.kind, code: throttled.providerCode }).toStrictEqual({
      kind: 'rate_limited',
      code: 'Throttling.RateQuota',
    });
    const incomplete = await attempt({
      policy: wireResponse(200, { request_id: 'r', data: { policy: 'p' } }),
    });
    expect(incomplete.kind).toBe('invalid_response');
  });

  it('refuses an upload host that is not https, and a file over the policy limit', async () => {
    const plainHttp = await attempt({
      policy: wireResponse(200, { data: { ...policyData, upload_host: 'http://bucket.example.com' } }),
    });
    expect(plainHttp.kind).toBe('provider_error');
    const tooLarge = await attempt({
      policy: wireResponse(200, { data: { ...policyData, max_file_size_mb: 0.00001 } }),
    });
    expect({ kind: tooLarge.kind, field: tooLarge.field }).toStrictEqual({
      kind: 'invalid_request',
      field: 'image',
    });
  });

  it("reads OSS's XML refusals: an expired policy is worth another try [MS-UPLOAD]", async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>Invalid according to Policy: Policy expired.</Message>\n</Error>\n';
    const error = await attempt({
      oss: wireResponse(403, undefined, { text: xml, headers: { 'content-type': 'application/xml' } }),
    });
    expect({
      kind: error.kind,
      code: error.providerCode,
      retryable: error.retryable,
      message: error.message,
    }).toStrictEqual({
      kind: 'provider_error',
      code: 'AccessDenied',
      retryable: true,
      message:
        'DashScope temporary upload: dashscope-file-xxx.oss-cn-beijing.aliyuncs.com refused the file: HTTP 403 AccessDenied: Invalid according to Policy: Policy expired.',
    });
  });
});
