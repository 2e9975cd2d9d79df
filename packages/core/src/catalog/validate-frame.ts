import type { AspectRatio, GenerationRequest, Resolution, Size } from '../spec/request.js';
import type { Warning } from '../spec/warning.js';
import { tiersOf } from './catalog.js';
import { type Frame, resolveFrame, sizeToFrame } from './frame.js';
import type { ModelSpec, TierSizes } from './model-spec.js';
import { invalidRequest } from './validation-error.js';

const list = (values: readonly unknown[]): string => values.join(', ');

function allSizes(model: ModelSpec): Size[] {
  return Object.values(model.sizes ?? {}).flatMap((tier: TierSizes) => Object.values(tier));
}

function parseSize(size: Size): { width: number; height: number } {
  const [width, height] = size.split('*').map(Number) as [number, number];
  return { width, height };
}

const ratioOf = (aspect: AspectRatio): number => {
  const [w, h] = aspect.split(':').map(Number) as [number, number];
  return w / h;
};

const squareText = (area: number): string => {
  const side = Math.round(Math.sqrt(area));
  return side * side === area ? `${side}*${side}` : `${area} pixels`;
};

/** Text-to-video: a size from the model's tier tables, consistent with any resolution/aspect given. */
function checkTierOffered(
  resolution: Resolution | undefined,
  tiers: readonly Resolution[],
  model: ModelSpec,
): void {
  if (resolution && !tiers.includes(resolution)) {
    throw invalidRequest(
      'resolution',
      resolution,
      tiers,
      `resolution ${resolution} is not offered by ${model.id}; choose ${list(tiers)}`,
    );
  }
}

/** `; offered by …`: the models of the same kind that do have this size, so the user knows where to go. */
function offeredBy(size: Size, model: ModelSpec, catalog: readonly ModelSpec[]): string {
  const others = catalog.filter((m) => m.kind === model.kind && m.id !== model.id && sizeToFrame(m, size));
  return others.length > 0
    ? `; ${size} is offered by ${list(others.map((m) => m.id))}`
    : `; no ${model.kind} model offers ${size}`;
}

function checkTieredFrame(request: GenerationRequest, model: ModelSpec, catalog: readonly ModelSpec[]): void {
  const resolution = 'resolution' in request ? request.resolution : undefined;
  const { size, aspectRatio } = request;
  const tiers = tiersOf(model);
  if (size) {
    const frame = sizeToFrame(model, size);
    if (!frame) {
      throw invalidRequest(
        'size',
        size,
        allSizes(model),
        `size ${size} is not offered by ${model.id}; choose ${list(allSizes(model))}${offeredBy(size, model, catalog)}`,
      );
    }
    if (resolution && resolution !== frame.resolution) {
      const tierSizes = Object.values(model.sizes?.[resolution] ?? {});
      throw invalidRequest(
        'resolution',
        resolution,
        [frame.resolution],
        `size ${size} is a ${frame.resolution} size, but resolution is ${resolution}; give one of them or make them agree` +
          (tierSizes.length > 0 ? ` (${resolution} sizes of ${model.id}: ${list(tierSizes)})` : ''),
      );
    }
    if (aspectRatio && aspectRatio !== frame.aspectRatio) {
      throw invalidRequest(
        'aspectRatio',
        aspectRatio,
        [frame.aspectRatio],
        `size ${size} is ${frame.aspectRatio}, but aspectRatio is ${aspectRatio}; give one of them or make them agree`,
      );
    }
    return;
  }
  checkTierOffered(resolution, tiers, model);
  if (resolution || aspectRatio) {
    const frame = resolveFrame(request, model);
    if (!frame.size) {
      const offered = resolution
        ? Object.keys(model.sizes?.[resolution] ?? {})
        : [...new Set(Object.values(model.sizes ?? {}).flatMap((tier) => Object.keys(tier)))];
      const where = resolution ? ` at ${resolution}` : '';
      throw invalidRequest(
        'aspectRatio',
        frame.aspectRatio,
        offered,
        `aspectRatio ${frame.aspectRatio} is not offered by ${model.id}${where}; choose ${list(offered)}`,
      );
    }
  }
}

/** Image-to-video: a tier only; the aspect ratio follows the input image. */
function checkTierOnly(request: GenerationRequest, model: ModelSpec, warnings: Warning[]): void {
  const tiers = tiersOf(model);
  if (request.size) {
    throw invalidRequest(
      'size',
      request.size,
      tiers,
      `${model.id} takes a resolution, not a size (the aspect ratio follows the input image); choose resolution ${list(tiers)}`,
    );
  }
  const resolution = 'resolution' in request ? request.resolution : undefined;
  checkTierOffered(resolution, tiers, model);
  if (request.aspectRatio) {
    warnings.push({
      type: 'unsupported',
      setting: 'aspectRatio',
      details: `${model.id} keeps the aspect ratio of the input image; aspectRatio ${request.aspectRatio} removed`,
    });
  }
}

/** Text-to-image: a recommended size, or a free-form size inside the pixel-area and aspect ranges. */
function checkFreeFormFrame(request: GenerationRequest, model: ModelSpec): void {
  const recommended = Object.entries(model.recommendedSizes ?? {}) as [AspectRatio, Size][];
  const recommendedList = recommended.map(([, size]) => size);
  const { size, aspectRatio } = request;
  if (aspectRatio && !size && !model.recommendedSizes?.[aspectRatio]) {
    const offered = recommended.map(([aspect]) => aspect);
    throw invalidRequest(
      'aspectRatio',
      aspectRatio,
      offered,
      `aspectRatio ${aspectRatio} has no recommended size on ${model.id}; choose ${list(offered)} or give a size`,
    );
  }
  if (!size) return;
  const { width, height } = parseSize(size);
  // Seed 001's own recommended sizes sit slightly below its stated pixel minimum: always accept them.
  const isRecommended = recommendedList.includes(size);
  if (!isRecommended && model.pixelArea) {
    const area = width * height;
    const { min, max } = model.pixelArea;
    if (area < min || area > max) {
      throw invalidRequest(
        'size',
        size,
        recommendedList,
        `size ${size} has ${area} pixels; ${model.id} needs ${min} to ${max} (${squareText(min)} to ${squareText(max)}), e.g. ${list(recommendedList)}`,
      );
    }
  }
  const ratio = width / height;
  if (!isRecommended && model.aspectRange) {
    const { min, max } = model.aspectRange;
    if (ratio < min - 1e-9 || ratio > max + 1e-9) {
      throw invalidRequest(
        'size',
        size,
        recommendedList,
        `size ${size} has an aspect ratio of ${ratio.toFixed(2)} (width/height); ${model.id} allows ${min.toFixed(2)} to ${max.toFixed(2)}, e.g. ${list(recommendedList)}`,
      );
    }
  }
  if (aspectRatio) {
    const matches = isRecommended
      ? model.recommendedSizes?.[aspectRatio] === size
      : Math.abs(ratio / ratioOf(aspectRatio) - 1) < 0.02;
    if (!matches) {
      throw invalidRequest(
        'aspectRatio',
        aspectRatio,
        model.recommendedSizes?.[aspectRatio] ? [model.recommendedSizes[aspectRatio]] : undefined,
        `size ${size} is not ${aspectRatio}; give one of them or make them agree`,
      );
    }
  }
}

/**
 * Checks the frame against the model's tables and returns it completed (see `resolveFrame`).
 * Throws `invalid_request` naming the field, the value and the allowed values.
 */
export function validateFrame(
  request: GenerationRequest,
  model: ModelSpec,
  warnings: Warning[],
  catalog: readonly ModelSpec[] = [],
): Frame {
  if (model.kind === 'image-to-video') {
    checkTierOnly(request, model, warnings);
  } else if (model.sizes) {
    checkTieredFrame(request, model, catalog);
  } else {
    checkFreeFormFrame(request, model);
  }
  return resolveFrame(request, model);
}
