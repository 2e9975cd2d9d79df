import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ResolvedOptions } from '../../options.js';
import { createRandom, type Random, streamSeed } from '../../random.js';
import { ERRORS, Refusal } from './errors.js';
import { chinaTime } from './task-body.js';

/**
 * DashScope's temporary uploads ([MS-UPLOAD]): `GET /api/v1/uploads?action=getPolicy&model=…`
 * hands out an OSS POST policy; the client POSTs a multipart form to `upload_host` (here the simulator itself,
 * under `OSS_UPLOAD_PATH`) with `OSSAccessKeyId, policy, Signature, key, x-oss-object-acl,
 * x-oss-forbid-overwrite, success_action_status` and `file` last; `oss://<key>` is then usable for 48 h, by
 * the model named at upload only, in creates that send `X-DashScope-OssResourceResolve: enable`.
 * The form's error answers are OSS's XML `<Error>` documents; apart from "Policy expired" ([MS-UPLOAD]) their
 * codes and texts are OSS's usual ones (INFERRED: the DashScope pages do not show them).
 */
export const OSS_UPLOAD_PATH = '/__sim/oss';

interface Policy {
  readonly policy: string;
  readonly signature: string;
  readonly accessKeyId: string;
  readonly uploadDir: string;
  readonly model: string;
  readonly expiresAt: number;
  readonly maxBytes: number;
}

export interface Upload {
  readonly key: string;
  readonly model: string;
  readonly bytes: number;
  readonly contentType: string;
  readonly expiresAt: number;
}

const MB = 1024 * 1024;
/** Room for the form's other fields and boundaries beyond the file itself. */
const FORM_OVERHEAD = MB;

const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  bmp: 'image/bmp',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
};

function ossXml(code: string, message: string, requestId: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Error>',
    `  <Code>${code}</Code>`,
    `  <Message>${message.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</Message>`,
    `  <RequestId>${requestId}</RequestId>`,
    '  <HostId>simulator.local</HostId>',
    '</Error>',
    '',
  ].join('\n');
}

class OssError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class DashScopeUploads {
  private readonly policies = new Map<string, Policy>();
  private readonly uploads = new Map<string, Upload>();
  private random: Random;

  constructor(private readonly options: ResolvedOptions) {
    this.random = createRandom(streamSeed(options.seed, 'dashscope-uploads'));
  }

  /** The `data` of a getPolicy answer, field order as in the doc's example. */
  issue(model: string, uploadHost: string): Record<string, unknown> {
    const { clock, dashscope } = this.options;
    const now = clock.now();
    const expireInSeconds = dashscope.policyExpireSeconds;
    const maxBytes = dashscope.maxUploadMb * MB;
    // like the doc's "dashscope-instant/xxx/2024-07-18/xxx"
    const uploadDir = `dashscope-instant/${this.random.hex(32)}/${chinaTime(now).slice(0, 10)}/${this.random.uuid()}`;
    const expiration = new Date(now + expireInSeconds * 1000).toISOString();
    // an OSS POST policy document, base64 (what a real policy decodes to)
    const policy = Buffer.from(
      JSON.stringify({
        expiration,
        conditions: [
          ['content-length-range', 0, maxBytes],
          ['starts-with', '$key', uploadDir],
          { bucket: 'dashscope-instant' },
          { 'x-oss-object-acl': 'private' },
          { 'x-oss-forbid-overwrite': 'true' },
        ],
      }),
    ).toString('base64');
    const signature = Buffer.from(this.random.hex(40), 'hex').toString('base64');
    const accessKeyId = `LTAI5t${this.random.hex(18)}`;
    this.policies.set(policy, {
      policy,
      signature,
      accessKeyId,
      uploadDir,
      model,
      expiresAt: now + expireInSeconds * 1000,
      maxBytes,
    });
    return {
      policy,
      signature,
      upload_dir: uploadDir,
      upload_host: uploadHost,
      expire_in_seconds: expireInSeconds,
      max_file_size_mb: dashscope.maxUploadMb,
      capacity_limit_mb: 999_999_999,
      oss_access_key_id: accessKeyId,
      x_oss_object_acl: 'private',
      x_oss_forbid_overwrite: 'true',
    };
  }

  /** The upload form POSTed to `upload_host`. Success: the status `success_action_status` asks for, no body. */
  async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = this.random.hex(24).toUpperCase();
    const headers = { 'x-oss-request-id': requestId, server: 'AliyunOSS' };
    try {
      const status = await this.store(req);
      res.writeHead(status, { ...headers, 'content-length': '0' });
      res.end();
    } catch (error) {
      if (!(error instanceof OssError)) throw error;
      req.resume();
      const xml = ossXml(error.code, error.message, requestId);
      res.writeHead(error.status, {
        ...headers,
        'content-type': 'application/xml',
        'content-length': String(Buffer.byteLength(xml)),
      });
      res.end(xml);
    }
  }

  private async store(req: IncomingMessage): Promise<number> {
    const now = this.options.clock.now();
    const limit = this.options.dashscope.maxUploadMb * MB + FORM_OVERHEAD;
    if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
    const form = await readForm(req, limit);
    const entries = [...form.entries()];
    const field = (name: string) => {
      const found = entries.find(([n]) => n.toLowerCase() === name.toLowerCase());
      return typeof found?.[1] === 'string' ? found[1] : undefined;
    };
    const last = entries.at(-1);
    if (!entries.some(([name]) => name === 'file')) {
      throw new OssError(400, 'InvalidArgument', 'The form has no file field.');
    }
    // OSS reads the form in order and takes `file` as its end (INFERRED: DashScope says "file last").
    if (last?.[0] !== 'file' || typeof last[1] === 'string') {
      throw new OssError(400, 'InvalidArgument', 'The file field must be the last field of the form.');
    }
    const policy = this.policies.get(field('policy') ?? '');
    if (!policy || field('Signature') !== policy.signature) {
      throw new OssError(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    if (field('OSSAccessKeyId') !== policy.accessKeyId) {
      throw new OssError(
        403,
        'InvalidAccessKeyId',
        'The OSS Access Key Id you provided does not exist in our records.',
      );
    }
    // [MS-UPLOAD], [MS-ERR]: 403 AccessDenied "Invalid according to Policy: Policy expired."
    if (now >= policy.expiresAt) {
      throw new OssError(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    }
    const key = field('key') ?? '';
    if (!key.startsWith(`${policy.uploadDir}/`) || key.length === policy.uploadDir.length + 1) {
      throw new OssError(
        403,
        'AccessDenied',
        `Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "${policy.uploadDir}"]`,
      );
    }
    const file = last[1] as File;
    if (file.size > policy.maxBytes) throw tooLarge();
    if (field('x-oss-forbid-overwrite') === 'true' && this.uploads.has(key)) {
      throw new OssError(
        409,
        'FileAlreadyExists',
        'The object you specified already exists and can not be overwritten.',
      );
    }
    const extension = key.split('.').at(-1)?.toLowerCase() ?? '';
    this.uploads.set(key, {
      key,
      model: policy.model,
      bytes: file.size,
      contentType: file.type || TYPES_BY_EXTENSION[extension] || 'application/octet-stream',
      expiresAt: now + this.options.dashscope.uploadTtlMs * this.options.timeScale,
    });
    // OSS answers 200 or 201 when asked, 204 otherwise.
    const asked = field('success_action_status');
    return asked === '200' ? 200 : asked === '201' ? 201 : 204;
  }

  /**
   * The upload behind `oss://<key>` for `model`, or the refusal: without `X-DashScope-OssResourceResolve:
   * enable` the service cannot read it ([MS-UPLOAD]); an unknown or expired key, or one uploaded for another
   * model ("文件与模型绑定"), cannot be downloaded either.
   */
  resolve(url: string, model: string, headerEnabled: boolean): Upload {
    if (!headerEnabled) throw new Refusal(ERRORS.ossHeaderMissing);
    const upload = this.uploads.get(url.slice('oss://'.length));
    if (!upload || this.options.clock.now() >= upload.expiresAt || upload.model !== model) {
      throw new Refusal(ERRORS.ossUnreadable);
    }
    return upload;
  }

  reset(): void {
    this.policies.clear();
    this.uploads.clear();
    this.random = createRandom(streamSeed(this.options.seed, 'dashscope-uploads'));
  }
}

const tooLarge = () =>
  new OssError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');

/** Parses the multipart form with the runtime's own `Request.formData()`; no dependency. */
async function readForm(req: IncomingMessage, limit: number): Promise<FormData> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  let seen = 0;
  let exceeded = false;
  const body = (Readable.toWeb(req) as ReadableStream<Uint8Array>).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) {
          exceeded = true;
          controller.error(new Error('upload too large'));
        } else controller.enqueue(chunk);
      },
    }),
  );
  const request = new Request('http://simulator.local/', {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit);
  try {
    return await request.formData();
  } catch {
    if (exceeded) throw tooLarge();
    throw new OssError(
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    );
  }
}
