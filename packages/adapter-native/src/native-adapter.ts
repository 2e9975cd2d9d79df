// @wankit/adapter-native: the vtrix / SeaArt native gateway, `POST /model/v1/generation` +
// `GET /model/v1/generation/task/{id}` (seeds 000–002; wire-formats.md §0.1, §1). Wiring only: the request is
// built in native-request.ts and every answer is read in native-response.ts.
import { WankitError } from '@wankit/core';
import {
  type AdapterCapabilities,
  checkBaseUrl,
  specificationVersion,
  type WanAdapter,
} from '@wankit/core/adapter';
import { type NativeRegion, nativeModelIdOf, nativeModelIds } from './native-model-ids.js';
import { nativeCreateRequest, nativeStatusRequest } from './native-request.js';
import { readNativeCreate, readNativeStatus } from './native-response.js';

export type { NativeRegion };

/** `wrapped` (default) as the provider's SDKs and CLI send it; `flat` as the doc pages show it (`seed`: alias). */
export type NativeBodyForm = 'wrapped' | 'flat' | 'seed';

export interface NativeAdapterSettings {
  /** Default `https://cloud.vtrix.ai` (the docs and SDKs; the CLI build uses `https://vtrix.ai`). */
  readonly baseUrl?: string;
  /**
   * `wrapped` (default): `{model, input:[{params:{input, parameters}}]}`, the form the provider's own SDKs and
   * CLI send. `flat`: `{model, input:{…}, parameters:{…}}`, as the per-model doc pages show it. `seed` is the
   * old name of `flat`.
   */
  readonly bodyForm?: NativeBodyForm;
  /** Send the model as the `X-Model` header and not in the body, as the SeaArt Python SDK does. Default false. */
  readonly modelHeader?: boolean;
  /** `intl` picks the documented `_intl` model ids (international upstream). */
  readonly region?: NativeRegion;
  /** Canonical id → gateway id, for models this package does not know yet; each key is also accepted. */
  readonly modelIds?: Readonly<Record<string, string>>;
}

export const nativeAdapterId = 'native';

const bodyForms: readonly NativeBodyForm[] = ['wrapped', 'flat', 'seed'];

export function createNativeAdapter(settings: NativeAdapterSettings = {}): WanAdapter {
  const baseUrl = checkBaseUrl(settings.baseUrl ?? 'https://cloud.vtrix.ai');
  const form = settings.bodyForm ?? 'wrapped';
  if (!bodyForms.includes(form)) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `bodyForm must be one of ${bodyForms.join(', ')}`,
      field: 'bodyForm',
      value: form,
      allowed: bodyForms,
    });
  }
  const requestSettings = {
    adapterId: nativeAdapterId,
    bodyForm: form === 'wrapped' ? 'wrapped' : 'flat',
    modelHeader: settings.modelHeader ?? false,
  } as const;
  const extraIds = settings.modelIds ?? {};
  /** No callbacks, cancel, limits, polling advice or result lifetime are documented (wire-formats §1.8, §1.9). */
  const capabilities: AdapterCapabilities = {
    kinds: ['text-to-video', 'image-to-video', 'text-to-image'],
    models: [...new Set([...Object.keys(nativeModelIds), ...Object.keys(extraIds)])],
    callbacks: false,
    cancel: false,
    progress: true,
    limits: {},
  };
  return {
    specificationVersion,
    id: nativeAdapterId,
    name: 'Wan native gateway (vtrix /model/v1/generation)',
    capabilities,
    defaultBaseUrl: baseUrl,
    providerModelId: (model) => nativeModelIdOf(model, { region: settings.region, overrides: extraIds }),
    createRequest: (input) => nativeCreateRequest(input, requestSettings),
    readCreate: readNativeCreate,
    statusRequest: nativeStatusRequest,
    readStatus: readNativeStatus,
  };
}
