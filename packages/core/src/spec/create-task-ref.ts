import { tierOf } from '../catalog/frame.js';
import type { ModelSpec } from '../catalog/model-spec.js';
import type { GenerationRequest } from './request.js';
import type { JsonValue, TaskRef } from './task.js';

export interface CreateTaskRefInput {
  readonly adapter: string;
  readonly taskId: string;
  readonly request: GenerationRequest;
  readonly model: ModelSpec | undefined;
  readonly providerModel: string;
  readonly now: Date;
  readonly meta?: Readonly<Record<string, JsonValue>>;
}

/** Seconds of video the request will produce: asked, else the model's fixed or default duration. */
export function videoDurationOf(
  request: GenerationRequest,
  model: ModelSpec | undefined,
): number | undefined {
  if (request.kind === 'text-to-image') return undefined;
  if (request.durationSeconds !== undefined) return request.durationSeconds;
  const rule = model?.duration;
  if (!rule) return undefined;
  return rule.type === 'fixed' ? rule.value : rule.default;
}

/**
 * The ref an adapter returns from `submit`: everything a later process needs to poll the task, with the
 * tier and duration that schedule its polls. Core adds the base URL it sent the request to.
 */
export function createTaskRef(input: CreateTaskRefInput): TaskRef {
  const { request, model } = input;
  const resolution = tierOf(request, model);
  const durationSeconds = videoDurationOf(request, model);
  return {
    spec: 'wankit.task/v1',
    adapter: input.adapter,
    taskId: input.taskId,
    model: request.model,
    providerModel: input.providerModel,
    kind: request.kind,
    submittedAt: input.now.toISOString(),
    ...(resolution ? { resolution } : {}),
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
    ...(input.meta ? { meta: input.meta } : {}),
  };
}
