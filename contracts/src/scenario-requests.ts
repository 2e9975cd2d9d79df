import type { RequestKind } from '@wankit/core';

// The neutral requests every adapter is driven with (contracts/README.md, "Scenarios"). Written once here;
// the wire side of each lives in the adapter's fixtures.

export const contractTaskId = 'task_contract_1';
export const contractNow = '2026-01-01T00:00:00.000Z';
export const contractImageUrl = 'https://media.contract.test/cat.png';
export const contractCallbackUrl = 'https://hooks.contract.test/wankit?wankit_task=k1&wankit_token=t1';
export const contractVideoUrl = 'https://cdn.contract.test/output/video-1.mp4';
export const contractCost = 0.75;

export const requestKinds: readonly RequestKind[] = [
  'text-to-video',
  'image-to-video',
  'text-to-image',
  'reference-to-video',
];
export const contractReferenceUrls = [
  'https://media.contract.test/person.png',
  'https://media.contract.test/dog.mp4',
];

/** Short scenario prefix of each kind: `t2v`, `i2v`, `t2i`. */
export const kindPrefix: Readonly<Record<RequestKind, string>> = {
  'text-to-video': 't2v',
  'image-to-video': 'i2v',
  'text-to-image': 't2i',
  'reference-to-video': 'r2v',
};

/** A catalog model of each kind, used only to show that an adapter refuses a kind it lacks. */
export const catalogModelOfKind: Readonly<Record<RequestKind, string>> = {
  'text-to-video': 'wan2.2-t2v-plus',
  'image-to-video': 'wan2.5-i2v-preview',
  'text-to-image': 'wan2.5-t2i-preview',
  'reference-to-video': 'wan2.6-r2v',
};

export type NeutralRequest = Record<string, unknown> & { kind: RequestKind; model: string };

export function minimalRequest(kind: RequestKind, model: string): NeutralRequest {
  switch (kind) {
    case 'text-to-video':
      return { kind, model, prompt: 'A kitten running in the moonlight' };
    case 'image-to-video':
      return { kind, model, image: contractImageUrl, prompt: 'The cat slowly turns its head' };
    case 'text-to-image':
      return { kind, model, prompt: 'A red apple on a white table, studio lighting' };
    case 'reference-to-video':
      return {
        kind,
        model,
        prompt: 'character1 walks character2 on the beach',
        references: [...contractReferenceUrls],
      };
  }
}

/** Every neutral field of the kind; the catalog drops, with a warning, what the model does not support. */
export function fullRequest(kind: RequestKind, model: string): NeutralRequest {
  const base = minimalRequest(kind, model);
  switch (kind) {
    case 'text-to-video':
      return {
        ...base,
        negativePrompt: 'low resolution, blurry',
        resolution: '1080p',
        aspectRatio: '16:9',
        durationSeconds: 5,
        promptExtend: true,
        watermark: false,
        seed: 12345,
        audio: true,
        shotType: 'multi',
        audioUrl: 'https://media.contract.test/voice.mp3',
      };
    case 'image-to-video':
      return {
        ...base,
        negativePrompt: 'low resolution, blurry',
        resolution: '1080p',
        durationSeconds: 5,
        promptExtend: true,
        watermark: false,
        seed: 12345,
        audio: false,
      };
    case 'text-to-image':
      return {
        ...base,
        negativePrompt: 'blurry',
        size: '1280*1280',
        count: 2,
        promptExtend: false,
        watermark: false,
        seed: 42,
      };
    case 'reference-to-video':
      return {
        ...base,
        negativePrompt: 'low resolution, blurry',
        resolution: '1080p',
        aspectRatio: '16:9',
        durationSeconds: 5,
        promptExtend: true,
        watermark: false,
        seed: 12345,
        shotType: 'multi',
      };
  }
}

/** The fixed result URLs of the multiple-output scenario. */
export function multipleOutputs(kind: 'image' | 'video'): { kind: 'image' | 'video'; url: string }[] {
  const extension = kind === 'image' ? 'png' : 'mp4';
  return [1, 2].map((n) => ({ kind, url: `https://cdn.contract.test/output/out-${n}.${extension}` }));
}
