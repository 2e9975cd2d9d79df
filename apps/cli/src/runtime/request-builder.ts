import { WankitError } from '@wankit/core';
import { imageInput } from './image-input.js';

/** The request flags of `video`, `image` and `batch` (commander's camel-cased option values). */
export interface RequestFlags {
  readonly model?: string;
  readonly size?: string;
  readonly resolution?: string;
  readonly aspect?: string;
  readonly duration?: number;
  readonly negative?: string;
  readonly seed?: number;
  readonly promptExtend?: boolean;
  readonly watermark?: boolean;
  readonly audio?: boolean;
  readonly audioUrl?: string;
  readonly shotType?: string;
  readonly image?: string;
  readonly lastImage?: string;
  readonly template?: string;
  readonly count?: number;
  /** `key=value` pairs for `providerOptions[<provider>]`. */
  readonly providerOption?: readonly string[];
}

export type MediaKind = 'video' | 'image';

/** A neutral request before validation: plain JSON, keys as in `GenerationRequest`. */
export type DraftRequest = Record<string, unknown>;

const defined = (entries: Record<string, unknown>): DraftRequest =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));

/** Parses `--provider-option key=value` pairs (values parsed as JSON when they are JSON, else strings). */
export function parseProviderOptions(
  pairs: readonly string[] | undefined,
): Record<string, unknown> | undefined {
  if (!pairs || pairs.length === 0) return undefined;
  const options: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `--provider-option ${pair}: write it as key=value, e.g. provider=auto`,
        field: 'provider-option',
        value: pair,
        allowed: ['key=value, e.g. provider=auto'],
      });
    }
    const raw = pair.slice(at + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // A plain word stays a string.
    }
    options[pair.slice(0, at)] = value;
  }
  return options;
}

/**
 * `--size 1280x720`, `1280X720` and `1280×720` (and spaces around the separator) are what people type; the
 * providers and core write `1280*720`. Anything else is left for core to refuse with its own message.
 */
export function normalizeSize(size: string | undefined): string | undefined {
  if (size === undefined) return undefined;
  const match = /^\s*(\d+)\s*[*xX\u00d7]\s*(\d+)\s*$/.exec(size);
  return match ? `${match[1]}*${match[2]}` : size;
}

/**
 * Maps flags to neutral request fields (no prompt, no kind): the shared part of `video`/`image` and
 * the defaults of `batch`. Frame values are normalised to the neutral spelling (`720P` → `720p`,
 * `1280x720` → `1280*720`).
 */
export function draftFromFlags(media: MediaKind, flags: RequestFlags, provider: string): DraftRequest {
  const providerOptions = parseProviderOptions(flags.providerOption);
  if (providerOptions && provider === 'router') {
    // Each provider takes its own options (and refuses keys it does not know), so one flag cannot serve a list.
    throw new WankitError({
      kind: 'invalid_request',
      message:
        '--provider-option applies to one provider; with several providers, give each its options in a batch line ("providerOptions": {"<provider>": {...}})',
      field: 'provider-option',
      value: flags.providerOption,
    });
  }
  const common = {
    model: flags.model,
    negativePrompt: flags.negative,
    seed: flags.seed,
    promptExtend: flags.promptExtend,
    watermark: flags.watermark,
    size: normalizeSize(flags.size),
    aspectRatio: flags.aspect,
    providerOptions: providerOptions ? { [provider]: providerOptions } : undefined,
  };
  if (media === 'image') return defined({ ...common, count: flags.count });
  return defined({
    ...common,
    resolution: flags.resolution?.toLowerCase(),
    durationSeconds: flags.duration,
    audio: flags.audio,
    audioUrl: flags.audioUrl,
    shotType: flags.shotType,
    image: flags.image,
    lastImage: flags.lastImage,
    template: flags.template,
  });
}

/** The neutral kind of a draft: images for `image`, image-to-video when an image is given. */
export function kindOf(media: MediaKind, draft: DraftRequest): string {
  if (typeof draft.kind === 'string') return draft.kind;
  if (media === 'image') return 'text-to-image';
  return draft.image !== undefined ? 'image-to-video' : 'text-to-video';
}

/**
 * Completes a draft: kind, the default model, and local image files turned into data URIs.
 * The result is validated by core before anything is sent.
 */
export async function completeDraft(
  media: MediaKind,
  draft: DraftRequest,
  chooseModel: (kind: string) => string,
  cwd?: string,
): Promise<DraftRequest> {
  const kind = kindOf(media, draft);
  const out: DraftRequest = { ...draft, kind };
  if (out.model === undefined) out.model = chooseModel(kind);
  for (const field of ['image', 'lastImage'] as const) {
    if (typeof out[field] === 'string') out[field] = await imageInput(out[field] as string, field, cwd);
  }
  return out;
}
