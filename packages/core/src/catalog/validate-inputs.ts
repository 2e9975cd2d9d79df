import { isLoopbackHost } from '../http/base-url.js';
import { invalidRequest, preview } from './validation-error.js';

/**
 * Largest inline image (a data URI's decoded bytes) any model takes: 20 MB (DashScope wan2.5/2.6/2.7 `img_url`
 * and media, /§1.6). Each model's own limit (`ModelSpec.maxImageBytes`, 10 MB unless its docs
 * say more: wire-formats §1.4, §3.4, §4.4) is checked once the model is known.
 */
export const maxInlineImageBytes = 20 * 1024 * 1024;
/** The input image limit of models whose docs give none: every provider documents at least 10 MB. */
export const defaultImageBytes = 10 * 1024 * 1024;

/** Decoded bytes of a base64 data URI (without decoding it). */
export function dataUriBytes(value: string): number | undefined {
  const match = dataUri.exec(value);
  if (!match || !/;base64/i.test(match[2] ?? '')) return undefined;
  const payload = (match[3] ?? '').replace(/\s+/g, '');
  return Math.floor((payload.length * 3) / 4) - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0);
}

/** Image types the providers take (wire-formats.md §4.4: JPEG, PNG, BMP, WEBP), by their magic bytes. */
const signatures: readonly { type: string; matches(bytes: Uint8Array): boolean }[] = [
  {
    type: 'image/png',
    matches: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v),
  },
  { type: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/webp',
    matches: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  },
  { type: 'image/bmp', matches: (b) => b[0] === 0x42 && b[1] === 0x4d },
];

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, to));

/** The image type a file's first bytes say it is (PNG, JPEG, WebP, BMP), or `undefined`. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  return signatures.find((signature) => signature.matches(bytes))?.type;
}

export const imageInputsAllowed = [
  'an https:// URL',
  'http:// on loopback (a local server)',
  `a base64 data URI of a PNG, JPEG, WebP or BMP image up to ${maxInlineImageBytes} bytes`,
] as const;

const dataUri = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is;

function checkDataUri(field: string, value: string): void {
  const match = dataUri.exec(value);
  const mime = (match?.[1] ?? '').toLowerCase();
  const isBase64 = /;base64/i.test(match?.[2] ?? '');
  const payload = (match?.[3] ?? '').replace(/\s+/g, '');
  const refuse = (what: string) =>
    invalidRequest(field, value, imageInputsAllowed, `${field}: ${preview(value)}: ${what}`);
  if (!match || !isBase64) throw refuse('not a base64 data URI');
  if (!mime.startsWith('image/')) throw refuse(`a data URI of ${mime || 'no type'}, not of an image`);
  if (payload === '') throw refuse('the data URI is empty');
  const bytes =
    Math.floor((payload.length * 3) / 4) - (payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0);
  if (bytes > maxInlineImageBytes) {
    throw invalidRequest(
      field,
      `${preview(value)} (${bytes} bytes)`,
      [`<= ${maxInlineImageBytes} bytes`],
      `${field}: the inline image is ${bytes} bytes, over the providers' ${maxInlineImageBytes} byte limit; host it and pass its https URL`,
    );
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) throw refuse('the data URI is not valid base64');
  let head: Uint8Array;
  try {
    head = Uint8Array.from(atob(payload.slice(0, 24)), (char) => char.charCodeAt(0));
  } catch {
    throw refuse('the data URI is not valid base64');
  }
  if (!sniffImageType(head)) throw refuse('its bytes are not a PNG, JPEG, WebP or BMP image');
}

/** An input image (`image`, `lastImage`): https, http on loopback, or a real image inline. */
export function checkImageInput(field: string, value: unknown): void {
  if (typeof value !== 'string') return;
  if (value.trim() === '') {
    throw invalidRequest(field, value, imageInputsAllowed, `${field} is empty`);
  }
  if (/^data:/i.test(value)) {
    checkDataUri(field, value);
    return;
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url?.protocol === 'https:') return;
  if (url?.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return;
    throw invalidRequest(
      field,
      value,
      imageInputsAllowed,
      `${field}: ${preview(value)} uses plain http:// on a public host; providers fetch input images over https`,
    );
  }
  throw invalidRequest(
    field,
    value,
    imageInputsAllowed,
    `${field}: ${preview(value)} is not an https URL or an image`,
  );
}

/** A media URL (a reference video): https, or http on loopback. */
function checkHttpUrl(field: string, value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const ok = url && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)));
  if (!ok) {
    throw invalidRequest(
      field,
      preview(value),
      ['an https:// URL', 'http:// on loopback'],
      `${field}: ${preview(value)} is not an https URL`,
    );
  }
}

/** Inputs the schema lets through but no provider can use: blank prompts, odd image and audio URLs. */
export function checkInputs(request: Readonly<Record<string, unknown>>): void {
  for (const field of ['prompt', 'negativePrompt'] as const) {
    const text = request[field];
    if (typeof text === 'string' && text.length > 0 && text.trim() === '') {
      throw invalidRequest(
        field,
        text,
        [
          'text with at least one visible character',
          ...(field === 'prompt' && request.kind !== 'image-to-video' ? [] : ['omit it']),
        ],
        `${field} is blank (only whitespace); write what ${request.kind === 'text-to-image' ? 'the image' : 'the video'} shows${field === 'negativePrompt' ? ' to avoid, or omit it' : ''}`,
      );
    }
  }
  checkImageInput('image', request.image);
  checkImageInput('lastImage', request.lastImage);
  if (Array.isArray(request.references)) {
    request.references.forEach((item, index) => {
      const reference =
        typeof item === 'string' ? { url: item } : (item as { url?: unknown; voiceUrl?: unknown });
      const field = `references.${index}`;
      const url = reference?.url;
      if (typeof url === 'string') {
        // Providers take no inline video: a video reference is a URL; an image may be inline too.
        if (/^data:video\//i.test(url)) {
          throw invalidRequest(
            field,
            preview(url),
            ['an https:// URL of the video'],
            `${field}: a video reference must be an https URL, not inline data`,
          );
        }
        if (/\.(mp4|mov|webm|m4v)(?:[?#]|$)/i.test(url)) checkHttpUrl(field, url);
        else checkImageInput(field, url);
      }
      const voice = reference?.voiceUrl;
      if (typeof voice === 'string' && !/^https?:\/\//i.test(voice)) {
        throw invalidRequest(
          `${field}.voiceUrl`,
          voice,
          ['an http(s) URL'],
          voice === ''
            ? `${field}.voiceUrl is empty; give an http(s) URL`
            : `${field}.voiceUrl: ${preview(voice)} is not an http(s) URL`,
        );
      }
    });
  }
  const audio = request.audioUrl;
  if (typeof audio === 'string' && !/^https?:\/\//i.test(audio)) {
    throw invalidRequest(
      'audioUrl',
      audio,
      ['an http(s) URL'],
      audio === ''
        ? 'audioUrl is empty; give an http(s) URL'
        : `audioUrl ${JSON.stringify(preview(audio))} is not an http(s) URL`,
    );
  }
}
