import type { RequestKind } from '@wankit/core';

/**
 * Default model per kind, first one the provider serves. wan2.2-t2v-plus is the seeds' main example
 * (native, v2, DashScope); generateTask serves only wan2.5 (seed 004), so it falls through to that.
 * DashScope serves the first of every list: wan2.2-t2v-plus, wan2.2-i2v-plus, wan2.5-t2i-preview, wan2.6-r2v.
 * default-models.test.ts holds each provider to its picks.
 */
const preferences: Readonly<Record<RequestKind, readonly string[]>> = {
  'text-to-video': ['wan2.2-t2v-plus', 'wan2.5-t2v-preview', 'wan2.6-t2v', 'wanx2.1-t2v-turbo'],
  'image-to-video': ['wan2.2-i2v-plus', 'wan2.5-i2v-preview', 'wan2.2-i2v-flash', 'wanx2.1-i2v-turbo'],
  'text-to-image': ['wan2.5-t2i-preview', 'wan2.2-t2i-flash'],
  'reference-to-video': ['wan2.6-r2v', 'wan2.7-r2v', 'wan2.6-r2v-flash'],
};

/** The default model for a kind on a provider that serves `served` (its capabilities' models). */
export function defaultModel(kind: RequestKind, served: readonly string[]): string {
  const list = preferences[kind];
  return list.find((id) => served.includes(id)) ?? list[0]!;
}
