// The video model behind both spec versions: v3 exposes `doGenerate`; v4 adds `doStart`/`doStatus` (and
// `handleWebhookOption` when the adapter's provider calls back). Same translation, same client, same errors.
import { type TaskSnapshot, taskRefSchema, WankitError } from '@wankit/core';
import { callKey } from './call-key.js';
import { toAiError } from './errors.js';
import { refMetadata, snapshotMetadata } from './metadata.js';
import type {
  JSONValue,
  VideoModelV4OperationStartResult,
  VideoModelV4OperationStatusResult,
  VideoModelV4OperationWebhook,
  VideoModelV4Result,
  VideoModelV4VideoData,
} from './spec-v4.js';
import type { TaskRunner } from './task-runner.js';
import { type VideoCallOptions, videoCallToRequest } from './video-request.js';
import { type AiWarning, toAiWarning } from './warnings.js';

export interface VideoCall extends VideoCallOptions {
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
}

// Our warnings are the subset both spec versions accept (no v4-only `deprecated`).
type WithAiWarnings<T> = T extends { warnings: unknown }
  ? Omit<T, 'warnings'> & { warnings: AiWarning[] }
  : T;
type StatusResult =
  | WithAiWarnings<Extract<VideoModelV4OperationStatusResult, { status: 'completed' }>>
  | Exclude<VideoModelV4OperationStatusResult, { status: 'completed' | 'pending' }>
  | (Omit<Extract<VideoModelV4OperationStatusResult, { status: 'pending' }>, 'warnings'> & {
      warnings?: AiWarning[];
    });

export interface VideoModelCore {
  readonly provider: string;
  readonly modelId: string;
  readonly maxVideosPerCall: number;
  readonly callbacks: boolean;
  generate(call: VideoCall): Promise<WithAiWarnings<VideoModelV4Result>>;
  start(call: VideoCall & { webhookUrl?: string }): Promise<WithAiWarnings<VideoModelV4OperationStartResult>>;
  status(options: { operation: JSONValue; abortSignal?: AbortSignal }): Promise<StatusResult>;
  handleWebhookOption(options: {
    webhook: () => PromiseLike<{ url: string; received: PromiseLike<VideoModelV4OperationWebhook> }>;
  }): Promise<{ webhookUrl: string; received: PromiseLike<VideoModelV4OperationWebhook> }>;
}

// Every wire format's documented result URL is an .mp4 (wire-formats.md §1, §2, §3, §4 examples).
const mediaType = 'video/mp4';

export function createVideoModelCore(runner: TaskRunner, modelId: string): VideoModelCore {
  const adapter = runner.client.adapter;
  const response = (timestamp: Date) => ({ timestamp, modelId, headers: undefined });
  const fail = (error: unknown, purpose: 'create' | 'read', request?: unknown): never => {
    throw toAiError(error, { url: runner.baseUrl, purpose, request });
  };
  const videoOutputs = (snapshot: TaskSnapshot) =>
    snapshot.outputs.filter((output) => output.kind === 'video');
  const urlsOf = (snapshot: TaskSnapshot): VideoModelV4VideoData[] =>
    videoOutputs(snapshot).map((output) => ({ type: 'url', url: output.url, mediaType }));
  const snapshotWarnings = (snapshot: TaskSnapshot): AiWarning[] =>
    (snapshot.warnings ?? []).map(toAiWarning);

  return {
    provider: `wankit.${adapter.id}`,
    modelId,
    maxVideosPerCall: 1,
    callbacks: adapter.capabilities.callbacks,

    async generate(call) {
      const timestamp = new Date();
      let summary: unknown;
      try {
        const { request, options, warnings } = videoCallToRequest(modelId, adapter.id, call);
        summary = { kind: request.kind, model: request.model };
        const key = callKey(options.key, call.headers);
        const signal = call.abortSignal;
        const started = await runner.start(request, {
          ...(key ? { key } : {}),
          ...(signal ? { signal } : {}),
        });
        const snapshot = await runner.finish(started, {
          ...(signal ? { signal } : {}),
          ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
        });
        const videos: VideoModelV4VideoData[] =
          options.videoOutput === 'binary'
            ? await Promise.all(
                videoOutputs(snapshot).map(async (output) => ({
                  type: 'binary' as const,
                  data: await runner.fetchBytes(output.url, signal),
                  mediaType,
                })),
              )
            : urlsOf(snapshot);
        return {
          videos,
          warnings: [...warnings, ...started.warnings.map(toAiWarning), ...snapshotWarnings(snapshot)],
          providerMetadata: { wankit: snapshotMetadata(snapshot) },
          response: response(timestamp),
        };
      } catch (error) {
        return fail(error, 'create', summary);
      }
    },

    async start(call) {
      const timestamp = new Date();
      let summary: unknown;
      try {
        const { request, options, warnings } = videoCallToRequest(modelId, adapter.id, call);
        summary = { kind: request.kind, model: request.model };
        if (options.deadlineMs !== undefined || options.videoOutput !== undefined) {
          warnings.push({
            type: 'unsupported',
            feature: 'providerOptions.wankit',
            details: 'deadlineMs and videoOutput apply to doGenerate only',
          });
        }
        let callbackUrl = call.webhookUrl;
        if (callbackUrl && !adapter.capabilities.callbacks) {
          warnings.push({
            type: 'unsupported',
            feature: 'webhook',
            details: `${adapter.name} does not call back`,
          });
          callbackUrl = undefined;
        }
        const key = callKey(options.key, call.headers);
        const started = await runner.start(request, {
          ...(key ? { key } : {}),
          ...(call.abortSignal ? { signal: call.abortSignal } : {}),
          ...(callbackUrl ? { callbackUrl } : {}),
        });
        return {
          operation: JSON.parse(JSON.stringify(started.ref)) as JSONValue,
          warnings: [...warnings, ...started.warnings.map(toAiWarning)],
          providerMetadata: {
            wankit: { ...refMetadata(started.ref), key: started.key, reattached: started.reattached },
          },
          response: response(timestamp),
        };
      } catch (error) {
        return fail(error, 'create', summary);
      }
    },

    async status({ operation, abortSignal }) {
      const timestamp = new Date();
      try {
        const parsed = taskRefSchema.safeParse(operation);
        if (!parsed.success || parsed.data.adapter !== adapter.id) {
          throw new WankitError({
            kind: 'invalid_request',
            message: parsed.success
              ? `the operation is a ${parsed.data.adapter} task; this model speaks ${adapter.id}`
              : 'the operation is not a wankit task ref (pass the `operation` doStart returned, as JSON)',
            field: 'operation',
          });
        }
        const snapshot = await runner.client.status(parsed.data, abortSignal ? { signal: abortSignal } : {});
        const providerMetadata = { wankit: snapshotMetadata(snapshot) };
        if (snapshot.status === 'succeeded') {
          return {
            status: 'completed',
            videos: urlsOf(snapshot),
            warnings: snapshotWarnings(snapshot),
            providerMetadata,
            response: response(timestamp),
          };
        }
        if (snapshot.status === 'failed' || snapshot.status === 'canceled') {
          const failure = snapshot.error;
          return {
            status: 'error',
            error: `Task ${snapshot.ref.taskId} ${snapshot.status}${failure ? ` (${failure.kind}): ${failure.message}` : ''}`,
            providerMetadata,
            response: response(timestamp),
          };
        }
        return { status: 'pending', providerMetadata, response: response(timestamp) };
      } catch (error) {
        return fail(error, 'read');
      }
    },

    async handleWebhookOption({ webhook }) {
      const { url, received } = await webhook();
      return { webhookUrl: url, received };
    },
  };
}
