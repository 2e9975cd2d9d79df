import type { Warning } from '../spec/warning.js';
import type { ModelSpec } from './model-spec.js';
import { dataUriBytes, defaultImageBytes } from './validate-inputs.js';
import { invalidRequest } from './validation-error.js';

export type Draft = Record<string, unknown>;
type Feature = keyof ModelSpec['supports'];

// Request field → the `supports` flag that governs it.
const optionFeatures: readonly [field: string, feature: Feature][] = [
  ['audio', 'audio'],
  ['audioUrl', 'audioUrl'],
  ['shotType', 'shotType'],
  ['template', 'template'],
  ['lastImage', 'lastImage'],
  ['promptExtend', 'promptExtend'],
  ['watermark', 'watermark'],
  ['seed', 'seed'],
];

/**
 * Options the model does not support are removed, with a warning, because sending them would at best
 * be ignored. `audio: false` on a silent model asks for what happens anyway, so it goes silently.
 */
function dropUnsupported(draft: Draft, model: ModelSpec, warnings: Warning[]): void {
  for (const [field, feature] of optionFeatures) {
    if (draft[field] === undefined || model.supports[feature]) continue;
    const value = draft[field];
    delete draft[field];
    // `audio: false` on a silent model asks for what happens anyway; on a model that always has sound it cannot.
    if (field === 'audio' && value === false && !model.alwaysAudio) continue;
    if (field === 'audio' && model.alwaysAudio && value === true) continue;
    if (field === 'audio' && model.alwaysAudio) {
      warnings.push({
        type: 'unsupported',
        setting: 'audio',
        details: `${model.id} always produces sound (music or effects when no audio is given); audio: false removed`,
      });
      continue;
    }
    warnings.push({
      type: 'unsupported',
      setting: field,
      details: `${model.id} does not support ${field}; removed`,
    });
  }
}

const videoReference = /\.(mp4|mov|webm|m4v)(?:[?#]|$)|^data:video\//i;

/**
 * Reference-to-video: references are normalised to `{ url, type }` (a type left out is read from the URL)
 * and counted against the model's limits; a first frame only where the model takes one.
 */
function checkReferences(draft: Draft, model: ModelSpec): void {
  if (!Array.isArray(draft.references)) return;
  const references = (draft.references as unknown[]).map((item) => {
    const reference = typeof item === 'string' ? { url: item } : (item as { url: string; type?: string });
    return {
      ...reference,
      type: reference.type ?? (videoReference.test(reference.url) ? 'video' : 'image'),
    };
  });
  draft.references = references;
  const limits = model.references;
  if (!limits) return;
  const images = references.filter((reference) => reference.type === 'image').length;
  const videos = references.length - images;
  const over = (what: string, max: number) =>
    invalidRequest(
      'references',
      references.map((reference) => reference.url),
      [`at most ${limits.maxImages} images and ${limits.maxVideos} videos, ${limits.maxTotal} in all`],
      `${model.id} takes at most ${max} ${what}; got ${what === 'references' ? references.length : what === 'images' ? images : videos}`,
    );
  if (references.length > limits.maxTotal) throw over('references', limits.maxTotal);
  if (images > limits.maxImages) throw over('images', limits.maxImages);
  if (videos > limits.maxVideos) throw over('videos', limits.maxVideos);
  if (draft.image !== undefined && !model.firstFrame) {
    throw invalidRequest(
      'image',
      draft.image,
      [],
      `${model.id} takes no first frame besides its references; omit image (or choose wan2.7-r2v)`,
    );
  }
}

function checkDuration(draft: Draft, model: ModelSpec): void {
  const duration = draft.durationSeconds as number | undefined;
  const withVideo =
    Array.isArray(draft.references) &&
    (draft.references as { type?: string }[]).some((reference) => reference.type === 'video');
  const rule = (withVideo && model.durationWithVideoReference) || model.duration;
  if (duration === undefined || !rule) return;
  if (rule.type === 'fixed' && duration !== rule.value) {
    throw invalidRequest(
      'durationSeconds',
      duration,
      [rule.value],
      `durationSeconds ${duration} is not allowed for ${model.id}; it is fixed at ${rule.value}`,
    );
  }
  if (rule.type === 'options' && !rule.values.includes(duration)) {
    throw invalidRequest(
      'durationSeconds',
      duration,
      rule.values,
      `durationSeconds ${duration} is not allowed for ${model.id}; choose ${rule.values.join(', ')}`,
    );
  }
  if (rule.type === 'range' && (duration < rule.min || duration > rule.max)) {
    const allowed = Array.from({ length: rule.max - rule.min + 1 }, (_, i) => rule.min + i);
    throw invalidRequest(
      'durationSeconds',
      duration,
      allowed,
      `durationSeconds ${duration} is not allowed for ${model.id}${withVideo && model.durationWithVideoReference ? ' with a video reference' : ''}; choose a whole number from ${rule.min} to ${rule.max}`,
    );
  }
}

/** Text-to-image count: range-checked, and 1 when omitted (providers default to 4 and bill per image). */
function checkCount(draft: Draft, model: ModelSpec): void {
  const range = model.count;
  if (!range) return;
  const count = draft.count as number | undefined;
  if (count === undefined) {
    draft.count = range.default;
    return;
  }
  if (count < range.min || count > range.max) {
    const allowed = Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
    throw invalidRequest(
      'count',
      count,
      allowed,
      `count ${count} is out of range for ${model.id}; choose ${range.min} to ${range.max}`,
    );
  }
}

function checkSeed(draft: Draft, model: ModelSpec): void {
  const seed = draft.seed as number | undefined;
  const { min, max } = model.seedRange;
  if (seed !== undefined && (seed < min || seed > max)) {
    throw invalidRequest(
      'seed',
      seed,
      [`${min}..${max}`],
      `seed ${seed} is out of range for ${model.id}; choose ${min} to ${max}`,
    );
  }
}

function checkFrames(draft: Draft, model: ModelSpec, warnings: Warning[]): void {
  if (model.requiresLastImage && draft.lastImage === undefined) {
    throw invalidRequest(
      'lastImage',
      undefined,
      ['an http(s) URL or a base64 data URI'],
      `${model.id} generates the frames between two images: give lastImage (the last frame) as well as image`,
    );
  }
  // Seed 002: shot_type "only takes effect when prompt_extend: true".
  if (draft.shotType !== undefined && draft.promptExtend === false) {
    delete draft.shotType;
    warnings.push({
      type: 'unsupported',
      setting: 'shotType',
      details: 'shotType takes effect only when promptExtend is true; removed',
    });
  }
  // wire-formats §4.4: "when template is set, the prompt is ignored".
  if (draft.template !== undefined && typeof draft.prompt === 'string' && draft.prompt.length > 0) {
    warnings.push({ type: 'other', message: `prompt is ignored by ${model.id} when template is set` });
  }
}

/** Inline images within the model's own limit (the generic check allowed the largest any model takes). */
function checkImageSizes(draft: Draft, model: ModelSpec): void {
  const limit = model.maxImageBytes ?? defaultImageBytes;
  const images: [string, unknown][] = [
    ['image', draft.image],
    ['lastImage', draft.lastImage],
    ...(Array.isArray(draft.references)
      ? (draft.references as { url: string }[]).map(
          (reference, index) => [`references.${index}`, reference.url] as [string, unknown],
        )
      : []),
  ];
  for (const [field, value] of images) {
    const bytes = typeof value === 'string' ? dataUriBytes(value) : undefined;
    if (bytes === undefined || bytes <= limit) continue;
    throw invalidRequest(
      field,
      `${String(value).slice(0, 40)}… (${bytes} bytes)`,
      [`<= ${limit} bytes`],
      `${field}: the inline image is ${bytes} bytes; ${model.id} takes images up to ${limit} bytes. Host it and pass its https URL`,
    );
  }
}

/** Option, duration, count and seed rules of one model. Mutates `draft` (a copy of the request). */
export function validateOptions(draft: Draft, model: ModelSpec, warnings: Warning[]): void {
  dropUnsupported(draft, model, warnings);
  checkFrames(draft, model, warnings);
  checkReferences(draft, model);
  checkImageSizes(draft, model);
  checkDuration(draft, model);
  checkCount(draft, model);
  checkSeed(draft, model);
}
