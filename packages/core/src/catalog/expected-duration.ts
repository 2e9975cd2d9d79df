import type { Resolution } from '../spec/request.js';
import { defaultTier } from './frame.js';
import type { ModelSpec } from './model-spec.js';
import { videoSeconds } from './models/tiers.js';

/**
 * Generic range when nothing is known about the model: the span of seed 004's documented figures
 * (720p ~50–70 s, 1080p ~70–90 s).
 */
export const genericExpectedSeconds: readonly [number, number] = [50, 90];

/** Typical generation time `[low, high]` in seconds, for scheduling the first poll. */
export function expectedDurationSeconds(
  model: ModelSpec | undefined,
  resolution?: Resolution,
): readonly [number, number] {
  if (!model) return (resolution && videoSeconds[resolution]) || genericExpectedSeconds;
  const tier = resolution ?? defaultTier(model);
  return (tier && model.typicalSeconds[tier]) || model.typicalSeconds.default || genericExpectedSeconds;
}
