import type { RequestKind } from '../spec/request.js';
import type { TaskOutput } from '../spec/task.js';
import { asObject } from './json-object.js';

type OutputKind = TaskOutput['kind'];

// Fields that hold one result URL, and the kind their name implies (undefined: the item's type or the request decides).
const urlFields: Readonly<Record<string, OutputKind | undefined>> = {
  url: undefined,
  video_url: 'video',
  videoUrl: 'video',
  image_url: 'image',
  imageUrl: 'image',
  result_url: undefined,
  resultUrl: undefined,
  output_url: undefined,
  outputUrl: undefined,
  file_url: undefined,
  fileUrl: undefined,
  download_url: undefined,
  downloadUrl: undefined,
  uri: undefined,
};
// Fields that hold lists or nested results.
const listFields: Readonly<Record<string, OutputKind | undefined>> = {
  resultUrls: undefined,
  result_urls: undefined,
  urls: undefined,
  outputs: undefined,
  output: undefined,
  results: undefined,
  result: undefined,
  content: undefined,
  videos: 'video',
  video: 'video',
  images: 'image',
  image: 'image',
  files: undefined,
};

const isUrl = (value: unknown): value is string =>
  typeof value === 'string' && /^https?:\/\/\S+$/i.test(value.trim());

/**
 * `video`/`image` from a wire `type`; `null` for a type that names no neutral output (audio, text, a
 * subtitle); `undefined` when the type says nothing about the media (e.g. `"url"`), so the field name or the
 * request decides.
 */
function kindOfType(type: unknown): OutputKind | null | undefined {
  if (typeof type !== 'string' || type.trim() === '') return undefined;
  const word = type.toLowerCase();
  if (word.includes('video') || word === 'mp4' || word === 'mov') return 'video';
  if (word.includes('image') || ['png', 'jpg', 'jpeg', 'webp', 'bmp'].includes(word)) return 'image';
  if (/audio|voice|music|speech|text|subtitle|caption|mp3|wav|srt|json/.test(word)) return null;
  return undefined;
}

const fallbackKind = (kind: RequestKind): OutputKind => (kind === 'text-to-image' ? 'image' : 'video');

/**
 * Every result URL in a result subtree (the part of a body that holds results: the adapter chooses it,
 * so input echoes elsewhere are never taken for outputs). Known URL fields and lists are all read; a
 * string item is a URL; an object item's `type` or its field's name sets the kind, else the request's
 * kind; items without a URL (failed entries, audio tracks) are skipped; duplicates are dropped.
 */
export function findOutputs(subtree: unknown, requestKind: RequestKind): TaskOutput[] {
  const found: TaskOutput[] = [];
  const seen = new Set<string>();
  const add = (url: string, kind: OutputKind) => {
    const trimmed = url.trim();
    if (seen.has(trimmed)) return;
    seen.add(trimmed);
    found.push({ kind, url: trimmed });
  };
  const visit = (value: unknown, hint: OutputKind | undefined, depth: number): void => {
    if (depth > 6) return;
    if (isUrl(value)) {
      add(value, hint ?? fallbackKind(requestKind));
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, hint, depth + 1);
      return;
    }
    const object = asObject(value);
    if (!object) return;
    const typed = kindOfType(object.type ?? object.media_type ?? object.mediaType);
    // An audio track or a text item has no neutral output kind; the subtree itself (a task object whose own
    // `type` says what task it is) is still searched.
    if (typed === null && depth > 0) return;
    const kind = typed ?? hint;
    // In the body's own order, so outputs keep the order the provider gave them.
    for (const [field, inner] of Object.entries(object)) {
      if (Object.hasOwn(urlFields, field)) {
        if (isUrl(inner)) add(inner, typed ?? urlFields[field] ?? kind ?? fallbackKind(requestKind));
      } else if (Object.hasOwn(listFields, field)) {
        visit(inner, typed ?? listFields[field] ?? kind, depth + 1);
      }
    }
  };
  visit(subtree, undefined, 0);
  return found;
}
