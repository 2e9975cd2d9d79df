import {
  allowedSizes,
  type DurationRule,
  describeDuration,
  durationAllowed,
  durationDefault,
  type ImageCountRule,
  isSeed,
  issue,
  type PixelRule,
  parseSize,
  pixelRuleProblem,
  SEED_MAX,
  tierOfSize,
  type ValidationIssue,
  type VideoTier,
} from './model-rules.js';

export type SimKind = 'text-to-video' | 'image-to-video' | 'text-to-image';

/** A model whose frame is a "W*H" size (text-to-video, text-to-image) or a "720P"-style resolution
 * (image-to-video): the native and v2 formats, both DashScope-shaped. */
export interface SizedModel {
  readonly id: string;
  readonly kind: SimKind;
  readonly sizes?: Readonly<Partial<Record<VideoTier, readonly string[]>>>;
  readonly defaultSize?: string;
  readonly pixelRule?: PixelRule;
  readonly resolutions?: readonly VideoTier[];
  readonly defaultResolution?: VideoTier;
  readonly duration?: DurationRule;
  readonly count?: ImageCountRule;
  /** Exact number of input images (v2 `images`); native image-to-video takes one `img_url`. */
  readonly inputImages?: number;
  readonly audio?: boolean;
  readonly shotType?: boolean;
}

/** The wire fields of a request, each with the field name that format uses (for error messages). */
export interface SizedFields {
  readonly prompt: FieldValue;
  readonly size: FieldValue;
  readonly resolution: FieldValue;
  readonly duration: FieldValue;
  readonly n: FieldValue;
  readonly seed: FieldValue;
  readonly booleans: readonly FieldValue[];
  readonly shotType: FieldValue;
  readonly audio: FieldValue;
  readonly images: FieldValue;
}

export interface FieldValue {
  readonly name: string;
  readonly value: unknown;
}

/** What a valid request asks for: enough to plan the task and its result files. */
export interface TaskPlan {
  readonly kind: SimKind;
  readonly tier: VideoTier | 'image';
  readonly durationSeconds?: number;
  readonly count: number;
  /** Image results only. */
  readonly width?: number;
  readonly height?: number;
  readonly prompt: string;
}

// Native and v2 spell tiers with an upper-case P (`720P`); anything else is the provider's 400.
function tierOfResolution(value: unknown): VideoTier | undefined {
  if (value === '480P' || value === '720P' || value === '1080P') return value.toLowerCase() as VideoTier;
  return undefined;
}

function checkCommon(model: SizedModel, f: SizedFields): ValidationIssue | undefined {
  const { prompt } = f;
  const promptRequired = model.kind !== 'image-to-video';
  if (prompt.value !== undefined && typeof prompt.value !== 'string')
    return issue(prompt.name, prompt.value, 'a string');
  if (promptRequired && (typeof prompt.value !== 'string' || prompt.value.trim() === '')) {
    return { field: prompt.name, message: `${prompt.name} is required` };
  }
  if (f.seed.value !== undefined && !isSeed(f.seed.value)) {
    return issue(f.seed.name, f.seed.value, `an integer 0-${SEED_MAX}`);
  }
  for (const flag of f.booleans) {
    if (flag.value !== undefined && typeof flag.value !== 'boolean')
      return issue(flag.name, flag.value, 'true, false');
  }
  if (f.audio.value !== undefined) {
    if (!model.audio)
      return { field: f.audio.name, message: `${f.audio.name} is not supported by ${model.id}` };
    if (typeof f.audio.value !== 'boolean') return issue(f.audio.name, f.audio.value, 'true, false');
  }
  if (f.shotType.value !== undefined) {
    if (!model.shotType)
      return { field: f.shotType.name, message: `${f.shotType.name} is not supported by ${model.id}` };
    if (f.shotType.value !== 'single' && f.shotType.value !== 'multi') {
      return issue(f.shotType.name, f.shotType.value, 'single, multi');
    }
  }
  return undefined;
}

function checkImages(model: SizedModel, images: FieldValue): ValidationIssue | undefined {
  const expected = model.inputImages ?? 1;
  const list = Array.isArray(images.value) ? images.value : images.value === undefined ? [] : [images.value];
  const valid = list.every((url) => typeof url === 'string' && /^(https?:\/\/|data:)/.test(url));
  if (list.length !== expected || !valid) {
    const what = expected === 1 ? 'one image URL (http(s) or data: URI)' : `${expected} image URLs`;
    return { field: images.name, message: `${images.name} is required: exactly ${what}` };
  }
  return undefined;
}

/** Checks a native or v2 request against its model; returns the first problem or the task plan. */
export function checkSizedRequest(
  model: SizedModel,
  f: SizedFields,
): { readonly issue: ValidationIssue } | { readonly plan: TaskPlan } {
  const common = checkCommon(model, f);
  if (common) return { issue: common };
  const prompt = typeof f.prompt.value === 'string' ? f.prompt.value : '';

  if (model.kind === 'text-to-image') {
    const size = f.size.value ?? model.defaultSize;
    const problem = typeof size === 'string' ? pixelRuleProblem(model.pixelRule!, size) : 'must be a string';
    if (problem)
      return { issue: { field: f.size.name, message: `${f.size.name}: ${JSON.stringify(size)} ${problem}` } };
    const n = f.n.value ?? model.count!.default;
    const { min, max } = model.count!;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      return { issue: issue(f.n.name, n, `an integer ${min}-${max}`) };
    }
    const dims = parseSize(size as string)!;
    return { plan: { kind: model.kind, tier: 'image', count: n, ...dims, prompt } };
  }

  let tier: VideoTier | undefined;
  if (model.kind === 'text-to-video') {
    const size = f.size.value ?? model.defaultSize;
    tier = typeof size === 'string' ? tierOfSize(model.sizes!, size) : undefined;
    if (!tier) return { issue: issue(f.size.name, size, allowedSizes(model.sizes!).join(', ')) };
  } else {
    const imageProblem = checkImages(model, f.images);
    if (imageProblem) return { issue: imageProblem };
    const resolution = f.resolution.value ?? model.defaultResolution!.toUpperCase();
    tier = tierOfResolution(resolution);
    if (!tier || !model.resolutions!.includes(tier)) {
      return {
        issue: issue(
          f.resolution.name,
          resolution,
          model.resolutions!.map((r) => r.toUpperCase()).join(', '),
        ),
      };
    }
  }
  const rule = model.duration!;
  const duration = f.duration.value ?? durationDefault(rule);
  if (!durationAllowed(rule, duration))
    return { issue: issue(f.duration.name, duration, describeDuration(rule)) };
  return { plan: { kind: model.kind, tier, durationSeconds: duration, count: 1, prompt } };
}
