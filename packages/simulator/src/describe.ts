import { type ResolvedOptions, SIMULATOR_DEFAULTS } from './options.js';

/** A plain-text listing of every endpoint under `baseUrl`, for `wankit sim` to print on start. */
export function describeSimulator(baseUrl: string, options?: Partial<ResolvedOptions>): string {
  const marker = options?.contentPolicyMarker ?? SIMULATOR_DEFAULTS.contentPolicyMarker;
  const failure = options?.failureMarker ?? SIMULATOR_DEFAULTS.failureMarker;
  const lines = [
    `wankit simulator listening on ${baseUrl}`,
    '',
    'native (vtrix-style)',
    `  POST ${baseUrl}/model/v1/generation`,
    `  GET  ${baseUrl}/model/v1/generation/task/{id}`,
    'v2 (new-api-style)',
    `  POST ${baseUrl}/v2/videos/generations`,
    `  GET  ${baseUrl}/v2/videos/generations/{task_id}`,
    'generateTask (apixo-style)',
    `  POST ${baseUrl}/api/v1/generateTask/{model}`,
    `  GET  ${baseUrl}/api/v1/statusTask/{model}?taskId={taskId}`,
    'dashscope (Alibaba Cloud Model Studio; creates need X-DashScope-Async: enable)',
    `  POST ${baseUrl}/api/v1/services/aigc/video-generation/video-synthesis`,
    `  POST ${baseUrl}/api/v1/services/aigc/image2video/video-synthesis`,
    `  POST ${baseUrl}/api/v1/services/aigc/text2image/image-synthesis`,
    `  GET  ${baseUrl}/api/v1/tasks/{task_id}`,
    `  POST ${baseUrl}/api/v1/tasks/{task_id}/cancel`,
    `  GET  ${baseUrl}/api/v1/tasks/`,
    `  GET  ${baseUrl}/api/v1/uploads?action=getPolicy&model={model}`,
    `  POST ${baseUrl}/__sim/oss (the upload_host of a policy)`,
    'simulator',
    `  GET  ${baseUrl}/__sim/stats`,
    `  POST ${baseUrl}/__sim/reset`,
    `  GET  ${baseUrl}/__sim/health`,
    `  GET  ${baseUrl}/__sim/files/{id}.{mp4|png}[?bytes=N]`,
    '',
    options?.apiKey
      ? 'Auth: Authorization: Bearer <the configured key>'
      : 'Auth: any non-empty bearer key is accepted (Authorization: Bearer anything)',
    `Prompt markers: "${marker}" ends in a content-policy failure, "${failure}" in a generation failure.`,
  ];
  if (options?.timeScale !== undefined)
    lines.push(`Time scale: ${options.timeScale} (1 = documented durations)`);
  if (options?.seed !== undefined) lines.push(`Seed: ${options.seed}`);
  return lines.join('\n');
}
