// An AI SDK file (URL, base64 or bytes) as what wankit requests take: an http(s) URL or a base64 data URI.
import { WankitError } from '@wankit/core';

export type AiFile =
  | { type: 'file'; mediaType: string; data: string | Uint8Array }
  | { type: 'url'; url: string; mediaType?: string };

export function fileToInput(file: AiFile, field: string): string {
  if (file.type === 'url') {
    if (/^(https?:\/\/|data:)/i.test(file.url)) return file.url;
    throw new WankitError({
      kind: 'invalid_request',
      message: `${field} must be an http(s) URL, a data URI or file data`,
      field,
    });
  }
  const base64 = typeof file.data === 'string' ? file.data : Buffer.from(file.data).toString('base64');
  return `data:${file.mediaType};base64,${base64}`;
}
