import type { AspectRatio, GenerationRequest, Resolution, Size } from '../spec/request.js';
import type { ModelSpec, TierSizes } from './model-spec.js';
import { tier480p, tier720p, tier1080p } from './models/tiers.js';

/** The frame a request asks for, completed from the model's tables. */
export interface Frame {
  size?: Size;
  resolution?: Resolution;
  aspectRatio?: AspectRatio;
}

// Used only when the model is unknown (`allowUnknownModel`): every Wan model shares these tables.
const standardTiers: Readonly<Record<Resolution, TierSizes>> = {
  '480p': tier480p,
  '720p': tier720p,
  '1080p': tier1080p,
};

function findInTiers(
  tiers: Readonly<Partial<Record<Resolution, TierSizes>>>,
  size: string,
): { resolution: Resolution; aspectRatio: AspectRatio } | undefined {
  for (const [resolution, sizes] of Object.entries(tiers) as [Resolution, TierSizes][]) {
    for (const [aspectRatio, candidate] of Object.entries(sizes) as [AspectRatio, Size][]) {
      if (candidate === size) return { resolution, aspectRatio };
    }
  }
  return undefined;
}

/** The tier and aspect ratio of one of a model's fixed sizes, or `undefined` when the model does not offer it. */
export function sizeToFrame(
  model: ModelSpec,
  size: string,
): { resolution: Resolution; aspectRatio: AspectRatio } | undefined {
  return model.sizes ? findInTiers(model.sizes, size) : undefined;
}

/** The model's size for a tier and aspect ratio, or `undefined` when it offers none. */
export function frameToSize(
  model: ModelSpec,
  resolution: Resolution,
  aspectRatio: AspectRatio,
): Size | undefined {
  return model.sizes?.[resolution]?.[aspectRatio];
}

/** The aspect ratio of a recommended (text-to-image) size. */
function recommendedAspect(model: ModelSpec, size: string): AspectRatio | undefined {
  const entries = Object.entries(model.recommendedSizes ?? {}) as [AspectRatio, Size][];
  return entries.find(([, candidate]) => candidate === size)?.[0];
}

/** The tier a model uses when the request names none. */
export function defaultTier(model: ModelSpec): Resolution | undefined {
  if (model.defaultResolution) return model.defaultResolution;
  return model.defaultSize ? sizeToFrame(model, model.defaultSize)?.resolution : undefined;
}

function onlyDefined(frame: Frame): Frame {
  return Object.fromEntries(Object.entries(frame).filter(([, value]) => value !== undefined)) as Frame;
}

/**
 * What the caller asked for, completed with the model's own tables: a size gives its tier and aspect
 * ratio; a tier and aspect ratio give the size; a tier alone means 16:9 of that tier (text-to-video);
 * an aspect ratio alone means that aspect in the default tier (or the recommended size, text-to-image).
 * Nothing asked gives `{}`, so adapters leave the field out and the provider default applies.
 */
export function resolveFrame(request: GenerationRequest, model: ModelSpec | undefined): Frame {
  const size = request.size;
  const resolution = 'resolution' in request ? request.resolution : undefined;
  const aspectRatio = request.aspectRatio;
  if (!model) {
    const known = size ? findInTiers(standardTiers, size) : undefined;
    return onlyDefined({
      size,
      resolution: resolution ?? known?.resolution,
      aspectRatio: aspectRatio ?? known?.aspectRatio,
    });
  }
  if (model.kind === 'text-to-image') {
    if (size) return onlyDefined({ size, aspectRatio: aspectRatio ?? recommendedAspect(model, size) });
    if (aspectRatio) return onlyDefined({ size: model.recommendedSizes?.[aspectRatio], aspectRatio });
    return {};
  }
  if (model.kind === 'image-to-video') {
    // The aspect ratio follows the input image; only the tier is chosen.
    return onlyDefined({ resolution });
  }
  if (size) {
    const known = sizeToFrame(model, size);
    return onlyDefined({
      size,
      resolution: resolution ?? known?.resolution,
      aspectRatio: aspectRatio ?? known?.aspectRatio,
    });
  }
  if (resolution) {
    const aspect = aspectRatio ?? '16:9';
    return onlyDefined({ size: frameToSize(model, resolution, aspect), resolution, aspectRatio: aspect });
  }
  if (aspectRatio) {
    const tier = defaultTier(model);
    const tiers = [tier, ...Object.keys(model.sizes ?? {})].filter((t): t is Resolution => t !== undefined);
    const found = tiers.find((t) => frameToSize(model, t, aspectRatio));
    return onlyDefined({
      size: found && frameToSize(model, found, aspectRatio),
      resolution: found,
      aspectRatio,
    });
  }
  return {};
}

/** The tier a request will run at: asked for, or the model's default. For scheduling polls. */
export function tierOf(request: GenerationRequest, model: ModelSpec | undefined): Resolution | undefined {
  const asked = resolveFrame(request, model).resolution;
  if (asked) return asked;
  return model ? defaultTier(model) : undefined;
}
