const extensionsByType: Readonly<Record<string, string>> = {
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
};
const knownExtensions = new Set([...Object.values(extensionsByType), 'jpeg']);

function extensionFromUrl(url: string): string | undefined {
  try {
    const name = new URL(url).pathname.split('/').pop() ?? '';
    const match = /\.([a-z0-9]{2,5})$/i.exec(name);
    const extension = match?.[1]?.toLowerCase();
    return extension && knownExtensions.has(extension) ? extension : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file name for one output of a task: `<taskId>-<index>.<ext>`, the extension taken from the URL
 * path (signed URLs keep it before the query string), else from the content type, else `bin`.
 */
export function fileNameForOutput(taskId: string, index: number, url: string, contentType?: string): string {
  const safeId = taskId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'task';
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const extension = extensionFromUrl(url) ?? (type ? extensionsByType[type] : undefined) ?? 'bin';
  return `${safeId}-${index}.${extension}`;
}
