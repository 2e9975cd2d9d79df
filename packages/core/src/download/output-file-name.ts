import type { TaskOutput } from '../spec/task.js';

const knownExtensions = new Set(['mp4', 'mov', 'webm', 'mkv', 'png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp']);

/** The extension a URL's path ends with, when it is a known media type (signed URLs keep it before the query). */
export function extensionFromUrl(url: string): string | undefined {
  try {
    const name = new URL(url).pathname.split('/').pop() ?? '';
    const extension = /\.([a-z0-9]{2,5})$/i.exec(name)?.[1]?.toLowerCase();
    return extension && knownExtensions.has(extension) ? extension : undefined;
  } catch {
    return undefined;
  }
}

// No path separators, and no leading dot: a provider's task id must not name a hidden file or escape the folder.
const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'task';

/**
 * `<taskId>[-<n>].<ext>` for one output of a task: the number (from 1) only when the task has several
 * outputs; the extension from the URL, else from the output's kind.
 */
export function outputFileName(taskId: string, output: TaskOutput, index: number, count: number): string {
  const extension = extensionFromUrl(output.url) ?? (output.kind === 'video' ? 'mp4' : 'png');
  return `${safeName(taskId)}${count > 1 ? `-${index + 1}` : ''}.${extension}`;
}

/** A file name for a bare URL: its last path segment, else `download`. */
export function urlFileName(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).at(-1);
    if (segment) return safeName(decodeURIComponent(segment));
  } catch {
    // fall through
  }
  return 'download';
}
