// `providerOptions.wankit`: the neutral request fields the AI SDK call options have no name for, plus the
// per-call controls of wankit's client. Read leniently, as AI SDK providers do: a known key with a wrong type
// is an `invalid_request` error before anything is sent; an unknown key is a warning, never sent.
import { resolutions, shotTypes, WankitError } from '@wankit/core';
import { z } from 'zod';
import type { AiWarning } from './warnings.js';

export const wankitProviderOptionsSchema = z.object({
  negativePrompt: z.string().optional(),
  promptExtend: z.boolean().optional(),
  watermark: z.boolean().optional(),
  /** `single` or `multi` (wan2.6). */
  shotType: z.enum(shotTypes).optional(),
  /** An audio track for the video (wan2.5+). */
  audioUrl: z.string().optional(),
  /** An effect template (image-to-video); the provider then ignores the prompt. */
  template: z.string().optional(),
  /** The neutral tier (`480p`, `720p`, `1080p`), for callers who think in tiers rather than pixels. */
  tier: z.enum(resolutions).optional(),
  /** Wire fields with no neutral meaning, validated by the adapter (`request.providerOptions[adapter.id]`). */
  adapterOptions: z.record(z.string(), z.unknown()).optional(),
  /** Journal key of this submission: a retry with the same key re-attaches instead of paying again. */
  key: z.string().min(1).optional(),
  /** Overall deadline of the wait inside `doGenerate`, in ms. */
  deadlineMs: z.number().int().positive().optional(),
  /** `binary`: `doGenerate` returns the video bytes instead of the (expiring) URL. Default `url`. */
  videoOutput: z.enum(['url', 'binary']).optional(),
});

export type WankitProviderOptions = z.infer<typeof wankitProviderOptionsSchema>;

const knownKeys = new Set(Object.keys(wankitProviderOptionsSchema.shape));

/** Reads `providerOptions.wankit`; unknown keys become warnings. */
export function readProviderOptions(
  providerOptions: Record<string, unknown> | undefined,
  warnings: AiWarning[],
): WankitProviderOptions {
  const raw = providerOptions?.wankit;
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new WankitError({
      kind: 'invalid_request',
      message: 'providerOptions.wankit must be an object',
      field: 'providerOptions.wankit',
    });
  }
  for (const key of Object.keys(raw)) {
    if (!knownKeys.has(key)) {
      warnings.push({
        type: 'unsupported',
        feature: `providerOptions.wankit.${key}`,
        details: `not a wankit option (known: ${[...knownKeys].join(', ')})`,
      });
    }
  }
  const parsed = wankitProviderOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = ['providerOptions', 'wankit', ...issue.path.map(String)].join('.');
  throw new WankitError({ kind: 'invalid_request', message: `${field}: ${issue.message}`, field });
}
