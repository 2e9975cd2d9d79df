// The adapter's one I/O step (`prepareInputs`): with `providerOptions.dashscope.upload: true`, every inline
// (`data:`) image is uploaded to DashScope's temporary storage and sent as `oss://<key>`, so a local file works
// without a public URL. The documented flow [MS-UPLOAD] (the official SDK agrees,
// [DS-SDK oss_utils.py]): `GET /api/v1/uploads?action=getPolicy&model=<model>` on the API host, then a
// multipart form POST to the policy's `upload_host` (an OSS host), then `oss://` + key, valid 48 h, for that
// model only, and only in creates that send `X-DashScope-OssResourceResolve: enable` (dashscope-request.ts).
// The policy GET goes through `context.http` (the API host, with the key); the form goes through core's
// `context.postForm` (packages/core/src/client/post-form.ts: the client's fetch, timeout and signal, no key,
// no client headers), so this module does no HTTP of its own.
import type { GenerationRequest } from '@wankit/core';
import {
  type AdapterCallContext,
  type AdapterRequestInput,
  asObject,
  invalidResponse,
  isLoopbackHost,
  parseProviderOptions,
  readEnvelope,
  readJson,
  WankitError,
  type WireResponse,
} from '@wankit/core/adapter';
import { dashscopePaths } from './dashscope-request.js';
import type { DashScopeWireError } from './dashscope-response.js';
import {
  type DashScopeUploadPolicy,
  dashscopeProviderOptionsSchema,
  uploadPolicySchema,
} from './dashscope-wire-schemas.js';

export interface DashScopeUploadSettings {
  readonly adapterId: string;
  /** Headers every API request carries (the workspace). */
  readonly headers: Readonly<Record<string, string>>;
  readonly wireError: DashScopeWireError;
}

/** One inline image of a request, where it sits. */
interface InlineImage {
  readonly field: string;
  readonly fileName: string;
  readonly value: string;
  readonly replace: (request: GenerationRequest, url: string) => GenerationRequest;
}

const extensions: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
};

const isInline = (value: unknown): value is string => typeof value === 'string' && /^data:/i.test(value);

/** The inline images of a request: the first and last frames, and reference images. */
function inlineImages(request: GenerationRequest): InlineImage[] {
  const found: InlineImage[] = [];
  if (
    (request.kind === 'image-to-video' || request.kind === 'reference-to-video') &&
    isInline(request.image)
  ) {
    found.push({
      field: 'image',
      fileName: 'image',
      value: request.image,
      replace: (current, url) => ({ ...current, image: url }) as GenerationRequest,
    });
  }
  if (request.kind === 'image-to-video' && isInline(request.lastImage)) {
    found.push({
      field: 'lastImage',
      fileName: 'last-image',
      value: request.lastImage,
      replace: (current, url) => ({ ...current, lastImage: url }) as GenerationRequest,
    });
  }
  if (request.kind === 'reference-to-video') {
    request.references.forEach((item, index) => {
      const url = typeof item === 'string' ? item : item.url;
      if (!isInline(url)) return;
      found.push({
        field: `references.${index}`,
        fileName: `reference-${index + 1}`,
        value: url,
        replace: (current, uploaded) => {
          if (current.kind !== 'reference-to-video') return current;
          const references = current.references.map((reference, position) =>
            position !== index
              ? reference
              : typeof reference === 'string'
                ? uploaded
                : { ...reference, url: uploaded },
          );
          return { ...current, references };
        },
      });
    });
  }
  return found;
}

function decode(field: string, value: string): { type: string; bytes: Uint8Array } {
  const match = /^data:([^;,]+)(?:;[^;,]*)*;base64,(.*)$/is.exec(value);
  const type = match?.[1]?.toLowerCase() ?? '';
  if (!match || extensions[type] === undefined) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `${field}: only base64 PNG, JPEG, WebP or BMP images can be uploaded to DashScope`,
      field,
    });
  }
  const binary = atob((match[2] ?? '').replace(/\s+/g, ''));
  return { type, bytes: Uint8Array.from(binary, (char) => char.charCodeAt(0)) };
}

const uploadFailed = (message: string, extra: Partial<ConstructorParameters<typeof WankitError>[0]> = {}) =>
  new WankitError({ kind: 'provider_error', message: `DashScope temporary upload: ${message}`, ...extra });

/** Step 1: the policy for this model [MS-UPLOAD]. */
async function getPolicy(
  context: AdapterCallContext,
  model: string,
  settings: DashScopeUploadSettings,
): Promise<DashScopeUploadPolicy> {
  const response = await context.http.send({
    method: 'GET',
    path: dashscopePaths.uploads,
    query: { action: 'getPolicy', model },
    ...(Object.keys(settings.headers).length > 0 ? { headers: settings.headers } : {}),
    purpose: 'read',
  });
  const json = readJson(response);
  const envelope = json.ok ? readEnvelope(json.value) : undefined;
  if (response.status < 200 || response.status >= 300 || (envelope?.wrapped && !envelope.ok)) {
    throw settings.wireError(response, json.ok ? json.value : undefined);
  }
  if (!json.ok) throw invalidResponse(response, json.reason);
  // `{request_id, data:{…}}` as documented, or a relay's envelope around it.
  const data = asObject(envelope?.data);
  const parsed = uploadPolicySchema.safeParse(asObject(data?.data) ?? data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidResponse(response, `the upload policy lacks ${issue?.path.join('.') || 'data'}`);
  }
  return parsed.data;
}

/** The policy's host: https, or plain http on loopback only (a local simulator), as for every base URL. */
function uploadUrl(policy: DashScopeUploadPolicy): string {
  let url: URL | undefined;
  try {
    url = new URL(policy.upload_host);
  } catch {
    url = undefined;
  }
  if (url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return policy.upload_host;
  }
  throw uploadFailed(`the policy names an upload host that is not https: ${policy.upload_host}`);
}

/** OSS refuses a form with an XML `<Error>` document; its code and message name the reason. */
function ossRefusal(response: WireResponse, host: string): WankitError {
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(response.text)?.[1]?.trim();
  const code = tag('Code');
  const reason = tag('Message');
  return uploadFailed(
    `${host} refused the file: HTTP ${response.status}${code ? ` ${code}` : ''}${reason ? `: ${reason}` : ''}`,
    {
      httpStatus: response.status,
      ...(code ? { providerCode: code } : {}),
      // A policy that expired or a signature that no longer matches is cured by a new policy: try again.
      retryable: response.status >= 500 || /expired/i.test(reason ?? ''),
    },
  );
}

/** Steps 2 and 3: the form, `file` last, then `oss://` + key [MS-UPLOAD], [DS-SDK oss_utils.py]. */
async function uploadOne(
  image: InlineImage,
  policy: DashScopeUploadPolicy,
  postForm: NonNullable<AdapterCallContext['postForm']>,
): Promise<string> {
  const { type, bytes } = decode(image.field, image.value);
  const maxMb = Number(policy.max_file_size_mb);
  if (Number.isFinite(maxMb) && maxMb > 0 && bytes.byteLength > maxMb * 1024 * 1024) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `${image.field}: ${bytes.byteLength} bytes is over the ${maxMb} MB DashScope accepts for this model`,
      field: image.field,
    });
  }
  const key = `${policy.upload_dir.replace(/\/+$/, '')}/${image.fileName}.${extensions[type]}`;
  const form = new FormData();
  form.append('OSSAccessKeyId', policy.oss_access_key_id);
  form.append('policy', policy.policy);
  form.append('Signature', policy.signature);
  form.append('key', key);
  if (policy.x_oss_object_acl) form.append('x-oss-object-acl', policy.x_oss_object_acl);
  if (policy.x_oss_forbid_overwrite) form.append('x-oss-forbid-overwrite', policy.x_oss_forbid_overwrite);
  form.append('x-oss-content-type', type);
  form.append('success_action_status', '200');
  form.append('file', new Blob([bytes], { type }), `${image.fileName}.${extensions[type]}`);
  const url = uploadUrl(policy);
  const response = await postForm(url, form);
  if (response.status < 200 || response.status >= 300) throw ossRefusal(response, new URL(url).host);
  return `oss://${key}`;
}

/**
 * `prepareInputs`: the request with its inline images replaced by `oss://` uploads, when the caller asked for
 * uploads; the input unchanged otherwise. Nothing billable happens here.
 */
export async function uploadInlineImages(
  input: AdapterRequestInput,
  context: AdapterCallContext,
  settings: DashScopeUploadSettings,
): Promise<AdapterRequestInput> {
  const options = parseProviderOptions(settings.adapterId, input.request, dashscopeProviderOptionsSchema);
  const images = options.upload === true ? inlineImages(input.request) : [];
  if (images.length === 0) return input;
  const { postForm } = context;
  if (!postForm) {
    throw new WankitError({
      kind: 'unsupported',
      // core's client always provides it; only a context built by hand can lack it
      message:
        'providerOptions.dashscope.upload needs a context that can POST a form to the upload host ' +
        '(AdapterCallContext.postForm); this one cannot: host the image and pass its https URL instead',
      field: 'providerOptions.dashscope.upload',
    });
  }
  let request = input.request;
  for (const image of images) {
    const policy = await getPolicy(context, input.providerModel, settings);
    request = image.replace(request, await uploadOne(image, policy, postForm.bind(context)));
  }
  return { ...input, request };
}
