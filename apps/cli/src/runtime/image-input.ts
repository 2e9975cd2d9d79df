import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { maxInlineImageBytes, sniffImageType, WankitError } from '@wankit/core';

export { maxInlineImageBytes };

const allowed = [
  'an https:// URL',
  'a base64 data URI of an image',
  `a local PNG, JPEG, WebP or BMP file up to ${maxInlineImageBytes} bytes`,
];

export const isRemoteImage = (value: string): boolean => /^(https?:\/\/|data:)/i.test(value);

const refuse = (field: string, value: unknown, message: string, extra?: readonly unknown[]) =>
  new WankitError({
    kind: 'invalid_request',
    message: `${field} ${message}`,
    field,
    value,
    allowed: extra ?? allowed,
  });

/**
 * An image flag value as the request wants it: URLs and data URIs as given (core checks them), a local file
 * as a data URI of the type its bytes show (not its name): an empty file, or one that is not an image, is
 * refused before anything is sent.
 */
export async function imageInput(value: string, field: string, cwd: string = process.cwd()): Promise<string> {
  if (value.trim() === '')
    throw refuse(field, value, 'is empty; give an https:// URL, a data URI or a local image file');
  if (isRemoteImage(value)) return value;
  const path = resolve(cwd, value);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw refuse(field, value, `${JSON.stringify(value)}: no such file, and not an http(s) URL or data URI`);
  }
  if (size === 0) throw refuse(field, value, `${JSON.stringify(value)} is an empty file`);
  if (size > maxInlineImageBytes) {
    throw refuse(
      field,
      size,
      `${JSON.stringify(value)}: ${size} bytes is over the providers' ${maxInlineImageBytes} byte limit for an inline image; host it and pass its URL`,
      [`<= ${maxInlineImageBytes} bytes`],
    );
  }
  const bytes = await readFile(path);
  const mime = sniffImageType(bytes);
  if (!mime)
    throw refuse(
      field,
      value,
      `${JSON.stringify(value)} is not a PNG, JPEG, WebP or BMP image (by its first bytes)`,
    );
  return `data:${mime};base64,${bytes.toString('base64')}`;
}
