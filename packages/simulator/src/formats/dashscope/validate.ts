import { isRecord } from '../../http/request-body.js';
import type { DashScopeModel } from '../../models/dashscope-models.js';
import { sizesOf } from '../../models/dashscope-models.js';
import {
  type DurationRule,
  durationAllowed,
  durationDefault,
  parseSize,
  pixelRuleProblem,
  SEED_MAX,
  tierOfSize,
  type VideoTier,
} from '../../models/model-rules.js';
import type { SimKind, TaskPlan } from '../../models/sized-model.js';
import { ERRORS, Refusal, refuse } from './errors.js';

/**
 * The create checks, per model and protocol (wire-formats §4.4). DashScope documents the
 * parameters but few of its validation messages. The ones it does document are used as they are: "Field
 * required: xxx", "Range of n should be [1, 4]", "The size is not match …" (a FAILED example on the i2v page)
 * ([MS-ERR], [MS-I2V26]). The others follow the pydantic form those messages and "Input should be 'Cherry',
 * 'Serena', 'Ethan' or 'Chelsie': parameters.audio.voice" ([MS-ERR]) show: `<what is wrong>: <field path>`
 * (INFERRED). Unknown fields are ignored, as the docs say of fields a model does not take ("configuring it has no
 * effect", [MS-T2V27]).
 */

/** What the checks need from the request around the body. */
export interface CreateContext {
  /** Resolves an `oss://` URL for this model, or throws the refusal (formats/dashscope/uploads.ts). */
  readonly resolveOss: (url: string) => { readonly contentType: string; readonly bytes: number };
  readonly partialFailureMarker: string;
}

/** Everything a task needs beyond the store's plan, decided at creation. */
export interface CreateDraft {
  readonly plan: TaskPlan;
  /** The prompt as the model sees it (truncated to the model's limit). */
  readonly prompt: string;
  readonly promptExtend: boolean;
  /** `parameters.size` of t2v, r2v and t2i. */
  readonly size?: string;
  /** `parameters.ratio` of wan2.7 t2v/r2v and wan3.0. */
  readonly ratio?: string;
  /** Seconds of reference/continuation video billed as input (r2v). */
  readonly inputVideoSeconds: number;
  /** Images that fail in a SUCCEEDED text-to-image task (the partial-failure marker). */
  readonly failedImages: number;
}

type Media = 'image' | 'audio' | 'video';

const INT32_SEED = `Range of seed should be [0, ${SEED_MAX}]`;

const invalid = (message: string): never => refuse(400, 'InvalidParameter', message);
const required = (field: string): never => invalid(`Field required: ${field}`);
const quote = (values: readonly (string | number)[]) =>
  values.length === 1
    ? `${q(values[0]!)}`
    : `${values.slice(0, -1).map(q).join(', ')} or ${q(values.at(-1)!)}`;
const q = (value: string | number) => (typeof value === 'number' ? String(value) : `'${value}'`);
const oneOf = (field: string, values: readonly (string | number)[]): never =>
  invalid(`Input should be ${quote(values)}: ${field}`);

const TIER_WORDS: Readonly<Record<VideoTier, string>> = { '480p': '480P', '720p': '720P', '1080p': '1080P' };
const RATIOS_27 = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;
// Relay tests give wan3.0 a default ratio `adaptive`; the list is INFERRED from wan2.7's.
const RATIOS_30 = [...RATIOS_27, 'adaptive'] as const;

/** A field of `input` or `parameters`, spelled as the error messages spell it. */
interface Fields {
  readonly input: Record<string, unknown>;
  readonly parameters: Record<string, unknown>;
}

function stringField(fields: Fields, where: 'input' | 'parameters', name: string): string | undefined {
  const value = fields[where][name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') invalid(`Input should be a valid string: ${where}.${name}`);
  return value as string;
}

function booleanField(fields: Fields, name: string): boolean | undefined {
  const value = fields.parameters[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') invalid(`Input should be a valid boolean: parameters.${name}`);
  return value as boolean;
}

function checkDuration(fields: Fields, rule: DurationRule, auto = false): number {
  const value = fields.parameters.duration ?? durationDefault(rule);
  const field = 'parameters.duration';
  if (typeof value !== 'number' || !Number.isInteger(value))
    invalid(`Input should be a valid integer: ${field}`);
  if (auto && value === -1) return -1;
  if (durationAllowed(rule, value)) return value as number;
  if ('fixed' in rule) return oneOf(field, [rule.fixed]);
  if ('options' in rule) return oneOf(field, rule.options);
  return (value as number) < rule.min
    ? invalid(`Input should be greater than or equal to ${rule.min}: ${field}`)
    : invalid(`Input should be less than or equal to ${rule.max}: ${field}`);
}

function checkTier(fields: Fields, model: DashScopeModel): VideoTier {
  const value = fields.parameters.resolution ?? TIER_WORDS[model.defaultTier!];
  const tier = model.tiers.find((t) => TIER_WORDS[t] === value);
  return (
    tier ??
    oneOf(
      'parameters.resolution',
      model.tiers.map((t) => TIER_WORDS[t]),
    )
  );
}

function checkRatio(fields: Fields, allowed: readonly string[], fallback: string): string {
  const value = fields.parameters.ratio ?? fallback;
  if (typeof value !== 'string' || !allowed.includes(value)) oneOf('parameters.ratio', allowed);
  return value as string;
}

/** A "W*H" size of the model's tiers; "The size is not match" is the doc's own wording ([MS-I2V26] example). */
function checkVideoSize(fields: Fields, model: DashScopeModel): { size: string; tier: VideoTier } {
  const allowed = sizesOf(model.tiers);
  const value = fields.parameters.size ?? model.defaultSize;
  const tier =
    typeof value === 'string'
      ? tierOfSize(Object.fromEntries(model.tiers.map((t) => [t, sizesOf([t])])), value)
      : undefined;
  if (!tier) invalid(`The size is not match, allowed sizes: ${allowed.join(', ')}: parameters.size`);
  return { size: value as string, tier: tier! };
}

function checkImageSize(
  fields: Fields,
  model: DashScopeModel,
): { size: string; width: number; height: number } {
  const value = fields.parameters.size ?? model.defaultSize!;
  const rule = model.imageSize!;
  const dims = typeof value === 'string' ? parseSize(value) : undefined;
  let problem: string | undefined;
  if (!dims) problem = 'must be "W*H"';
  else if (rule.kind === 'pixels') problem = pixelRuleProblem(rule.rule, value as string);
  else if ([dims.width, dims.height].some((side) => side < rule.min || side > rule.max))
    problem = `each side must be within [${rule.min}, ${rule.max}]`;
  if (problem) invalid(`The size is not match, ${problem}: parameters.size`);
  return { size: value as string, width: dims!.width, height: dims!.height };
}

const DATA_URI = /^data:image\/(jpeg|jpg|png|bmp|webp);base64,([A-Za-z0-9+/=\s]+)$/i;

/**
 * One input URL: public http(s), an `oss://` upload (with its header, for this model) or, for images where the
 * field allows it, a base64 data URI of JPEG/PNG/BMP/WEBP ([MS-I2V26], [MS-I2V27], [MS-UPLOAD]). Audio and video
 * must be URLs. The simulator never downloads http(s) inputs.
 */
function checkUrl(
  field: string,
  value: unknown,
  media: Media,
  model: DashScopeModel,
  ctx: CreateContext,
  dataUri: boolean,
): void {
  if (value === undefined || value === null || value === '') required(field);
  if (typeof value !== 'string') invalid(`Input should be a valid string: ${field}`);
  const url = value as string;
  if (/^https?:\/\/\S+$/i.test(url)) return;
  if (url.startsWith('oss://')) {
    const upload = ctx.resolveOss(url);
    checkBytes(upload.bytes, media, model);
    return;
  }
  if (url.startsWith('data:')) {
    if (!dataUri || media !== 'image') throw new Refusal(ERRORS.invalidUrl);
    const match = DATA_URI.exec(url);
    if (!match) throw new Refusal(ERRORS.badMedia);
    const base64 = match![2]!.replace(/\s/g, '');
    const bytes = Math.floor((base64.length * 3) / 4) - (base64.match(/=+$/)?.[0].length ?? 0);
    checkBytes(bytes, media, model);
    return;
  }
  // Anything else, a bare base64 string included, is no URL the service can read (INFERRED code). @ai-sdk/alibaba
  // 1.0.61 (src/alibaba-video-model.ts, fileToImageString) does send wan2.6's inline `img_url` as bare base64; no
  // page or capture shows the service taking that, so it stays refused (test/ai-sdk-alibaba.test.ts).
  throw new Refusal(ERRORS.invalidUrl);
}

/** [MS-ERR] 400 InvalidFile.Size ("… must be less than xxxMB"); the limits are the model's image limits. */
function checkBytes(bytes: number, media: Media, model: DashScopeModel): void {
  const maxMb = media === 'image' ? model.imageMaxMb : undefined;
  if (maxMb !== undefined && bytes > maxMb * 1024 * 1024) {
    refuse(400, 'InvalidFile.Size', `Invalid file size. The image file size must be less than ${maxMb}MB.`);
  }
}

/** Video or image, for the reference lists that mix both: the upload's type, else the URL's extension. */
function mediaOf(url: string, ctx: CreateContext): 'image' | 'video' {
  if (url.startsWith('oss://'))
    return ctx.resolveOss(url).contentType.startsWith('video/') ? 'video' : 'image';
  return /\.(mp4|mov)(\?|#|$)/i.test(url) ? 'video' : 'image';
}

interface MediaItem {
  readonly type: string;
  readonly url: unknown;
  readonly index: number;
}

function mediaList(fields: Fields, allowedTypes: readonly string[], requiredList: boolean): MediaItem[] {
  const value = fields.input.media;
  if (value === undefined || value === null) {
    if (requiredList) required('input.media');
    return [];
  }
  if (!Array.isArray(value)) invalid('Input should be a valid list: input.media');
  return (value as unknown[]).map((item, index) => {
    if (!isRecord(item)) invalid(`Input should be a valid dictionary: input.media.${index}`);
    const { type, url } = item as Record<string, unknown>;
    if (type === undefined) required(`input.media.${index}.type`);
    if (typeof type !== 'string' || !allowedTypes.includes(type))
      oneOf(`input.media.${index}.type`, allowedTypes);
    return { type: type as string, url, index };
  });
}

const MEDIA_KIND: Readonly<Record<string, Media>> = {
  first_frame: 'image',
  last_frame: 'image',
  reference_image: 'image',
  driving_audio: 'audio',
  reference_audio: 'audio',
  first_clip: 'video',
  reference_video: 'video',
  file: 'video',
  link: 'video',
};

function checkMediaUrls(items: readonly MediaItem[], model: DashScopeModel, ctx: CreateContext): void {
  for (const item of items) {
    const kind = MEDIA_KIND[item.type]!;
    checkUrl(`input.media.${item.index}.url`, item.url, kind, model, ctx, kind === 'image');
  }
}

const countOf = (items: readonly MediaItem[], type: string) => items.filter((m) => m.type === type).length;

// [MS-I2V27]: each type at most once, and only these combinations.
const I2V27_COMBINATIONS = [
  'first_frame',
  'driving_audio+first_frame',
  'first_frame+last_frame',
  'driving_audio+first_frame+last_frame',
  'first_clip',
  'first_clip+last_frame',
];

function checkI2vMedia(fields: Fields, model: DashScopeModel, ctx: CreateContext): void {
  const items = mediaList(fields, ['first_frame', 'last_frame', 'driving_audio', 'first_clip'], true);
  const types = items.map((m) => m.type).sort();
  if (!I2V27_COMBINATIONS.includes(types.join('+'))) {
    invalid(
      `The combination of media types is not supported: ${types.join(', ') || 'none'}; allowed: ` +
        `${I2V27_COMBINATIONS.map((c) => c.replaceAll('+', ' + ')).join('; ')}: input.media`,
    );
  }
  checkMediaUrls(items, model, ctx);
}

/** [MS-R2V27]: at least one reference, references ≤ 5, at most one first frame, optional `reference_voice`. */
function checkR2vMedia(fields: Fields, model: DashScopeModel, ctx: CreateContext): MediaItem[] {
  const items = mediaList(fields, ['reference_image', 'reference_video', 'first_frame'], true);
  const references = countOf(items, 'reference_image') + countOf(items, 'reference_video');
  if (references < 1) invalid('At least one reference_image or reference_video is required: input.media');
  if (references > 5) invalid('reference_image and reference_video must be 5 or fewer in total: input.media');
  if (countOf(items, 'first_frame') > 1) invalid('At most one first_frame is allowed: input.media');
  checkMediaUrls(items, model, ctx);
  for (const item of items) {
    const voice = (fields.input.media as Record<string, unknown>[])[item.index]!.reference_voice;
    if (voice !== undefined) {
      checkUrl(`input.media.${item.index}.reference_voice`, voice, 'audio', model, ctx, false);
    }
  }
  return items;
}

/** wan3.0 (Comfy Router's schema, THIRD-PARTY): frames xor references. */
function checkAllInOneMedia(fields: Fields, model: DashScopeModel, ctx: CreateContext): MediaItem[] {
  const limits: Readonly<Record<string, number>> = {
    first_frame: 1,
    last_frame: 1,
    reference_image: 10,
    reference_video: 5,
    reference_audio: 5,
    file: 1,
    link: 1,
  };
  const items = mediaList(fields, Object.keys(limits), false);
  for (const [type, max] of Object.entries(limits)) {
    if (countOf(items, type) > max) invalid(`At most ${max} ${type} item(s) are allowed: input.media`);
  }
  const frames = countOf(items, 'first_frame') + countOf(items, 'last_frame');
  if (frames > 0 && frames < items.length) {
    invalid('first_frame/last_frame cannot be combined with reference, file or link media: input.media');
  }
  if (countOf(items, 'file') && countOf(items, 'link'))
    invalid('Only one of file or link is allowed: input.media');
  if (countOf(items, 'last_frame') && !countOf(items, 'first_frame')) {
    invalid('A last_frame needs a first_frame: input.media');
  }
  checkMediaUrls(items, model, ctx);
  return items;
}

/** wan2.6 `reference_urls` ([MS-R2V26]): 1-5 URLs, images ≤ 5, videos ≤ 3; no data URIs. */
function checkReferenceUrls(fields: Fields, model: DashScopeModel, ctx: CreateContext): number {
  const legacy = fields.input.reference_urls === undefined ? fields.input.reference_video_urls : undefined;
  const field = legacy === undefined ? 'input.reference_urls' : 'input.reference_video_urls';
  const value = legacy ?? fields.input.reference_urls;
  if (value === undefined || value === null) required('input.reference_urls');
  if (!Array.isArray(value)) invalid(`Input should be a valid list: ${field}`);
  const urls = value as unknown[];
  let videos = 0;
  urls.forEach((url, index) => {
    const kind = typeof url !== 'string' ? 'image' : legacy === undefined ? mediaOf(url, ctx) : 'video';
    if (kind === 'video') videos++;
    checkUrl(`${field}.${index}`, url, kind, model, ctx, false);
  });
  if (urls.length < 1 || urls.length > 5) invalid(`List should have 1 to 5 items: ${field}`);
  if (videos > 3) invalid(`At most 3 reference videos are allowed: ${field}`);
  return videos;
}

function promptOf(fields: Fields, mustHave: boolean): string {
  const prompt = stringField(fields, 'input', 'prompt');
  if (mustHave && (prompt === undefined || prompt.trim() === '')) required('input.prompt');
  return prompt ?? '';
}

function checkCommon(fields: Fields, model: DashScopeModel): boolean {
  stringField(fields, 'input', 'negative_prompt');
  const seed = fields.parameters.seed;
  if (seed !== undefined) {
    if (typeof seed !== 'number' || !Number.isInteger(seed))
      invalid('Input should be a valid integer: parameters.seed');
    if ((seed as number) < 0 || (seed as number) > SEED_MAX) invalid(INT32_SEED);
  }
  booleanField(fields, 'watermark');
  if (model.audioFlag) booleanField(fields, 'audio');
  if (model.shotType) {
    const shot = fields.parameters.shot_type;
    if (shot !== undefined && shot !== 'single' && shot !== 'multi')
      oneOf('parameters.shot_type', ['single', 'multi']);
  }
  return booleanField(fields, 'prompt_extend') ?? true;
}

function checkAudioUrl(fields: Fields, model: DashScopeModel, ctx: CreateContext): void {
  if (model.audioUrl && fields.input.audio_url !== undefined) {
    checkUrl('input.audio_url', fields.input.audio_url, 'audio', model, ctx, false);
  }
}

/** The input checks of one create. Throws `Refusal`; returns what the task needs. */
export function checkCreate(
  model: DashScopeModel,
  body: Record<string, unknown>,
  ctx: CreateContext,
): CreateDraft {
  if (body.input === undefined || body.input === null) throw new Refusal(ERRORS.emptyInput);
  if (!isRecord(body.input)) invalid('Input should be a valid dictionary: input');
  if (body.parameters !== undefined && body.parameters !== null && !isRecord(body.parameters)) {
    invalid('Input should be a valid dictionary: parameters');
  }
  const fields: Fields = {
    input: body.input as Record<string, unknown>,
    parameters: (body.parameters ?? {}) as Record<string, unknown>,
  };
  const promptExtend = checkCommon(fields, model);
  const draft = (
    kind: SimKind,
    tier: VideoTier | 'image',
    fullPrompt: string,
    rest: Partial<CreateDraft> & {
      durationSeconds?: number;
      count?: number;
      width?: number;
      height?: number;
    },
  ): CreateDraft => {
    const { durationSeconds, count, width, height, ...extra } = rest;
    return {
      plan: {
        kind,
        tier,
        count: count ?? 1,
        prompt: fullPrompt,
        ...(durationSeconds !== undefined ? { durationSeconds } : {}),
        ...(width !== undefined ? { width, height } : {}),
      },
      // longer prompts are truncated, not refused ([MS-T2V26])
      prompt: [...fullPrompt].slice(0, model.promptMaxChars).join(''),
      promptExtend,
      inputVideoSeconds: 0,
      failedImages: 0,
      ...extra,
    };
  };

  switch (model.protocol) {
    case 't2v': {
      const prompt = promptOf(fields, true);
      checkAudioUrl(fields, model, ctx);
      const { size, tier } = checkVideoSize(fields, model);
      const durationSeconds = checkDuration(fields, model.duration!);
      return draft('text-to-video', tier, prompt, { size, durationSeconds });
    }
    case 'i2v': {
      const prompt = promptOf(fields, false);
      checkUrl('input.img_url', fields.input.img_url, 'image', model, ctx, true);
      checkAudioUrl(fields, model, ctx);
      const tier = checkTier(fields, model);
      const durationSeconds = checkDuration(fields, model.duration!);
      return draft('image-to-video', tier, prompt, { durationSeconds });
    }
    case 'kf2v': {
      const prompt = promptOf(fields, false);
      checkUrl('input.first_frame_url', fields.input.first_frame_url, 'image', model, ctx, true);
      if (fields.input.last_frame_url !== undefined) {
        checkUrl('input.last_frame_url', fields.input.last_frame_url, 'image', model, ctx, true);
      }
      const tier = checkTier(fields, model);
      const durationSeconds = checkDuration(fields, model.duration!);
      return draft('image-to-video', tier, prompt, { durationSeconds });
    }
    case 'r2v': {
      const prompt = promptOf(fields, true);
      const videos = checkReferenceUrls(fields, model, ctx);
      const { size, tier } = checkVideoSize(fields, model);
      const durationSeconds = checkDuration(fields, model.duration!);
      // Billed input seconds are capped at 5 ([MS-PRICE]); the simulator downloads nothing, so any reference
      // video counts as the capped 5 s, as in the doc's example (INFERRED).
      return draft('image-to-video', tier, prompt, {
        size,
        durationSeconds,
        inputVideoSeconds: videos ? 5 : 0,
      });
    }
    case 't2v-ratio': {
      const prompt = promptOf(fields, true);
      checkAudioUrl(fields, model, ctx);
      const tier = checkTier(fields, model);
      const ratio = checkRatio(fields, RATIOS_27, '16:9');
      const durationSeconds = checkDuration(fields, model.duration!);
      return draft('text-to-video', tier, prompt, { ratio, durationSeconds });
    }
    case 'i2v-media': {
      const prompt = promptOf(fields, false);
      checkI2vMedia(fields, model, ctx);
      const tier = checkTier(fields, model);
      const durationSeconds = checkDuration(fields, model.duration!);
      return draft('image-to-video', tier, prompt, { durationSeconds });
    }
    case 'r2v-media': {
      const prompt = promptOf(fields, true);
      const items = checkR2vMedia(fields, model, ctx);
      const tier = checkTier(fields, model);
      const ratio = checkRatio(fields, RATIOS_27, '16:9');
      const withVideo = countOf(items, 'reference_video') > 0;
      // [MS-R2V27]: 2-10 s when a reference video is given, 2-15 otherwise.
      const durationSeconds = checkDuration(
        fields,
        withVideo ? { min: 2, max: 10, default: 5 } : model.duration!,
      );
      return draft('image-to-video', tier, prompt, {
        ratio,
        durationSeconds,
        inputVideoSeconds: withVideo ? 5 : 0,
      });
    }
    case 'all-in-one': {
      const items = checkAllInOneMedia(fields, model, ctx);
      // Text-to-video needs a prompt; with media the prompt is optional (INFERRED).
      const prompt = promptOf(fields, items.length === 0);
      const tier = checkTier(fields, model);
      const ratio = checkRatio(fields, RATIOS_30, 'adaptive');
      const asked = checkDuration(fields, model.duration!, model.autoDuration);
      // duration -1 lets the model choose; a relay measured 5 s (index id 59803418069).
      const durationSeconds = asked === -1 ? 5 : asked;
      const videos = countOf(items, 'reference_video');
      return draft(items.length ? 'image-to-video' : 'text-to-video', tier, prompt, {
        ratio,
        durationSeconds,
        inputVideoSeconds: videos ? 5 : 0,
      });
    }
    case 't2i': {
      const prompt = promptOf(fields, true);
      const { size, width, height } = checkImageSize(fields, model);
      const n = fields.parameters.n ?? 4;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 4)
        invalid('Range of n should be [1, 4]');
      const failedImages = prompt.includes(ctx.partialFailureMarker) && (n as number) >= 2 ? 1 : 0;
      return draft('text-to-image', 'image', prompt, {
        size,
        count: n as number,
        width,
        height,
        failedImages,
      });
    }
  }
}
