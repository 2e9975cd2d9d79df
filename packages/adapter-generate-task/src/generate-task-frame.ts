import type { AspectRatio, ModelSpec, Resolution, Size, VideoRequest, Warning } from '@wankit/core';
import { frameToSize, resolveFrame, sizeToFrame, WankitError } from '@wankit/core';
import type { components } from './generated/generate-task-wire.js';

type WireResolution = components['schemas']['Resolution'];
type WireAspectRatio = components['schemas']['AspectRatio'];

// What the wan-2-5 input accepts (seed 004; wire-formats §3.4).
export const wireResolutions = ['720p', '1080p'] as const satisfies readonly WireResolution[];
export const wireAspectRatios = ['16:9', '9:16', '1:1'] as const satisfies readonly WireAspectRatio[];

export interface WireFrame {
  readonly resolution?: WireResolution;
  /** Text-to-video only. */
  readonly aspectRatio?: WireAspectRatio;
}

const isWireResolution = (value: string): value is WireResolution =>
  (wireResolutions as readonly string[]).includes(value);
const isWireAspectRatio = (value: string): value is WireAspectRatio =>
  (wireAspectRatios as readonly string[]).includes(value);

/**
 * The tier and aspect ratio of a neutral size, through the catalog: the model's own size table, or the
 * sizes every Wan model shares when the model has no table (image-to-video, or an unknown model).
 */
export function frameOfSize(
  size: Size,
  model: ModelSpec | undefined,
): { resolution: Resolution; aspectRatio: AspectRatio } | undefined {
  if (model?.sizes) return sizeToFrame(model, size);
  const frame = resolveFrame({ kind: 'text-to-video', model: '', prompt: '', size }, undefined);
  return frame.resolution && frame.aspectRatio
    ? { resolution: frame.resolution, aspectRatio: frame.aspectRatio }
    : undefined;
}

/** `1920*1080 → 1080p 16:9`, for every frame the wire accepts (sizes from the model's table where it has one). */
export function frameEquivalents(model: ModelSpec | undefined): string[] {
  const lines: string[] = [];
  for (const resolution of wireResolutions) {
    for (const aspectRatio of wireAspectRatios) {
      const size = model?.sizes ? frameToSize(model, resolution, aspectRatio) : undefined;
      lines.push(size ? `${size} → ${resolution} ${aspectRatio}` : `${resolution} ${aspectRatio}`);
    }
  }
  return lines;
}

function noEquivalent(request: VideoRequest, asked: string, model: ModelSpec | undefined): WankitError {
  const equivalents = frameEquivalents(model);
  const field = request.size !== undefined ? 'size' : 'aspectRatio';
  return new WankitError({
    kind: 'invalid_request',
    message: `${asked} has no generateTask equivalent (it takes resolution 720p|1080p with aspect ratio 16:9|9:16|1:1); choose ${equivalents.join(', ')}`,
    field,
    value: request[field],
    allowed: equivalents,
  });
}

/**
 * Neutral frame (`size`, or `resolution` + `aspectRatio`) → the wire's `resolution` + `aspect_ratio`.
 * Only what the caller asked for is sent: a field left out stays out and the provider's default applies.
 */
export function toWireFrame(
  request: VideoRequest,
  model: ModelSpec | undefined,
  warnings: Warning[],
): WireFrame {
  let resolution: Resolution | undefined = request.resolution;
  let aspectRatio: AspectRatio | undefined = request.aspectRatio;
  let asked = [resolution, aspectRatio].filter(Boolean).join(' ');
  if (request.size !== undefined) {
    const frame = frameOfSize(request.size, model);
    if (frame === undefined) throw noEquivalent(request, `size ${request.size}`, model);
    if (resolution !== undefined && resolution !== frame.resolution) {
      throw conflict('resolution', resolution, request.size, frame.resolution);
    }
    if (aspectRatio !== undefined && aspectRatio !== frame.aspectRatio) {
      throw conflict('aspectRatio', aspectRatio, request.size, frame.aspectRatio);
    }
    resolution = frame.resolution;
    asked = `size ${request.size} (${frame.resolution} ${frame.aspectRatio})`;
    if (request.kind === 'text-to-video') aspectRatio = frame.aspectRatio;
    else {
      warnings.push({
        type: 'unsupported',
        setting: 'size',
        details: `generateTask image-to-video takes the aspect ratio of the image; size ${request.size} was sent as resolution ${frame.resolution}`,
      });
    }
  }
  if (resolution !== undefined && !isWireResolution(resolution)) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `resolution ${resolution}${request.size ? ` (size ${request.size})` : ''} is not offered by generateTask; allowed: ${wireResolutions.join(', ')}`,
      field: 'resolution',
      value: resolution,
      allowed: wireResolutions,
    });
  }
  if (aspectRatio !== undefined && request.kind === 'image-to-video') {
    // The wire takes aspect_ratio for text-to-video only; an image-to-video video follows the image.
    warnings.push({
      type: 'unsupported',
      setting: 'aspectRatio',
      details: 'generateTask image-to-video takes the aspect ratio of the image; aspectRatio was not sent',
    });
    aspectRatio = undefined;
  }
  if (aspectRatio !== undefined && !isWireAspectRatio(aspectRatio)) throw noEquivalent(request, asked, model);
  return {
    ...(resolution !== undefined ? { resolution } : {}),
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
  };
}

function conflict(field: string, value: string, size: Size, implied: string): WankitError {
  return new WankitError({
    kind: 'invalid_request',
    message: `${field} ${value} contradicts size ${size}, which is ${implied}; give one or make them agree`,
    field,
    value,
    allowed: [implied],
  });
}
