import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { WankitError } from '@wankit/core';

/**
 * Largest local image sent inline. Every provider documents input images up to 10 MB (wire-formats.md
 * §1.4 vtrix `img_url` ≤10 MB, §3.4 apixo `image_urls` ≤10 MB, §4.4 DashScope ≤10 MB); yutoai documents
 * no figure, so the same limit is assumed for it. The limit applies to the file, before base64.
 */
export const maxInlineImageBytes = 10 * 1024 * 1024;

const mimeByExtension: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
};

export const isRemoteImage = (value: string): boolean => /^(https?:\/\/|data:)/i.test(value);

/** An image flag value as the request wants it: URLs and data URIs as given, a local file as a data URI. */
export async function imageInput(value: string, field: string, cwd: string = process.cwd()): Promise<string> {
  if (isRemoteImage(value)) return value;
  const path = resolve(cwd, value);
  const mime = mimeByExtension[extname(path).toLowerCase()];
  if (!mime) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `${field} ${value}: not an http(s) URL, and not a local image of a known type; use ${Object.keys(mimeByExtension).join(', ')}`,
      field,
      value,
      allowed: Object.keys(mimeByExtension),
    });
  }
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new WankitError({
      kind: 'invalid_request',
      message: `${field} ${value}: no such file (give an http(s) URL or a path to an image)`,
      field,
      value,
    });
  }
  if (size > maxInlineImageBytes) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `${field} ${value}: ${size} bytes is over the providers' ${maxInlineImageBytes} byte limit for an inline image; host it and pass its URL`,
      field,
      value: size,
      allowed: [`<= ${maxInlineImageBytes} bytes`],
    });
  }
  const bytes = await readFile(path);
  return `data:${mime};base64,${bytes.toString('base64')}`;
}
