// The text-to-image model behind both spec versions (v3 and v4 differ only in the version tag). The AI SDK wants
// image bytes, so the results are read into memory; their URLs stay in `providerMetadata.wankit.images`.
import { getModel } from '@wankit/core';
import { callKey } from './call-key.js';
import { toAiError } from './errors.js';
import { type ImageCallOptions, imageCallToRequest } from './image-request.js';
import { snapshotMetadata } from './metadata.js';
import type { ImageModelV4Result } from './spec-v4.js';
import type { TaskRunner } from './task-runner.js';
import { type AiWarning, toAiWarning } from './warnings.js';

export interface ImageCall extends ImageCallOptions {
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
}

export interface ImageModelCore {
  readonly provider: string;
  readonly modelId: string;
  readonly maxImagesPerCall: number | undefined;
  generate(call: ImageCall): Promise<Omit<ImageModelV4Result, 'warnings'> & { warnings: AiWarning[] }>;
}

export function createImageModelCore(runner: TaskRunner, modelId: string): ImageModelCore {
  const adapter = runner.client.adapter;
  return {
    provider: `wankit.${adapter.id}`,
    modelId,
    // One task makes up to the model's maximum count; the AI SDK splits larger `n` into several calls.
    maxImagesPerCall: getModel(modelId, undefined, 'text-to-image')?.count?.max,

    async generate(call) {
      const timestamp = new Date();
      let summary: unknown;
      try {
        const { request, options, warnings } = imageCallToRequest(modelId, adapter.id, call);
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
        const outputs = snapshot.outputs.filter((output) => output.kind === 'image');
        const images = await Promise.all(outputs.map((output) => runner.fetchBytes(output.url, signal)));
        const metadata = snapshotMetadata(snapshot);
        // ai 6's generateImage keeps only `images` of each provider's metadata: each entry names its task too.
        const entries = outputs.map((output) => ({
          url: output.url,
          ...(output.expiresAt ? { expiresAt: output.expiresAt } : {}),
          taskId: snapshot.ref.taskId,
          taskRef: metadata.taskRef ?? null,
        }));
        return {
          images,
          warnings: [
            ...warnings,
            ...started.warnings.map(toAiWarning),
            ...(snapshot.warnings ?? []).map(toAiWarning),
          ],
          providerMetadata: { wankit: { ...metadata, images: entries } },
          response: { timestamp, modelId, headers: undefined },
        };
      } catch (error) {
        throw toAiError(error, { url: runner.baseUrl, purpose: 'create', request: summary });
      }
    },
  };
}
