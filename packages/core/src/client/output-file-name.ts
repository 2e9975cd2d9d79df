import type { TaskOutput } from '../spec/task.js';

const knownExtensions = new Set(['mp4', 'mov', 'webm', 'mkv', 'png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp']);

/** The file extension a URL's path ends with, when it is a known media type. */
export function extensionFromUrl(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = /\.([a-z0-9]{2,5})$/i.exec(pathname);
  const extension = match?.[1]?.toLowerCase();
  return extension && knownExtensions.has(extension) ? extension : undefined;
}

/** `<taskId>[-<n>].<ext>`: the number only when a task has several outputs; the extension from the URL or the kind. */
export function outputFileName(taskId: string, output: TaskOutput, index: number, count: number): string {
  const safeId = taskId.replace(/[^\w.-]+/g, '_');
  const extension = extensionFromUrl(output.url) ?? (output.kind === 'video' ? 'mp4' : 'png');
  return `${safeId}${count > 1 ? `-${index + 1}` : ''}.${extension}`;
}

/** A file name for a bare URL: its last path segment, else `download`. */
export function urlFileName(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).at(-1);
    if (segment) return decodeURIComponent(segment).replace(/[^\w.-]+/g, '_');
  } catch {
    // fall through
  }
  return 'download';
}
