/**
 * The overhead baseline: a minimal hand-written `fetch` loop per wire format, sending the same
 * create body wankit sent (captured from wankit's own first request) and reading status until the
 * task is done, then taking the result URL. No validation, no retries, no scheduling: the floor.
 */
export interface RawFormat {
  readonly createPath: string;
  taskId(body: unknown): string;
  statusPath(taskId: string): string;
  /** The result URL once done, `undefined` while running; throws on a failed task. */
  result(body: unknown): string | undefined;
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});

export const rawNative: RawFormat = {
  createPath: '/model/v1/generation',
  taskId: (body) => String(obj(body).id),
  statusPath: (id) => `/model/v1/generation/task/${encodeURIComponent(id)}`,
  result(body) {
    const task = obj(body);
    if (task.status === 'failed') throw new Error(`native task failed: ${JSON.stringify(task.error)}`);
    if (task.status !== 'completed') return undefined;
    const output = (task.output as Json[] | undefined)?.[0];
    const content = (output?.content as Json[] | undefined)?.[0];
    return String(content?.url);
  },
};

export const rawV2: RawFormat = {
  createPath: '/v2/videos/generations',
  taskId: (body) => String(obj(body).task_id),
  statusPath: (id) => `/v2/videos/generations/${encodeURIComponent(id)}`,
  result(body) {
    const task = obj(body);
    if (task.status === 'FAILURE') throw new Error(`v2 task failed: ${String(task.fail_reason)}`);
    if (task.status !== 'SUCCESS') return undefined;
    const data = obj(task.data);
    const url = typeof data.output === 'string' ? data.output : (data.outputs as string[] | undefined)?.[0];
    return String(url);
  },
};

export const rawGenerateTask = (providerModel: string): RawFormat => ({
  createPath: `/api/v1/generateTask/${providerModel}`,
  taskId: (body) => String(obj(obj(body).data).taskId),
  statusPath: (id) => `/api/v1/statusTask/${providerModel}?taskId=${encodeURIComponent(id)}`,
  result(body) {
    const data = obj(obj(body).data);
    if (data.state === 'failed') throw new Error(`generateTask task failed: ${String(data.failCode)}`);
    if (data.state !== 'success') return undefined;
    const parsed = JSON.parse(String(data.resultJson)) as { resultUrls?: string[] };
    return String(parsed.resultUrls?.[0]);
  },
});

export interface RawRunOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly format: RawFormat;
  /** The exact create body wankit sent. */
  readonly createBody: string;
  readonly fetch?: typeof fetch;
}

/**
 * One task's lifecycle: create, read status until done, take the result URL. Like wankit, it stops at
 * once when the create answer already reports the finished task (the native gateway answers with the
 * task object), so both sides send the same requests.
 */
export async function rawLifecycle(options: RawRunOptions): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  const headers = { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' };
  const created = await doFetch(options.baseUrl + options.format.createPath, {
    method: 'POST',
    headers,
    body: options.createBody,
  });
  if (!created.ok) throw new Error(`raw create answered ${created.status}: ${await created.text()}`);
  const createdBody: unknown = await created.json();
  const early = options.format.result(createdBody);
  if (early !== undefined) return early;
  const id = options.format.taskId(createdBody);
  for (;;) {
    const status = await doFetch(options.baseUrl + options.format.statusPath(id), {
      headers: { authorization: headers.authorization },
    });
    if (!status.ok) throw new Error(`raw status answered ${status.status}: ${await status.text()}`);
    const url = options.format.result(await status.json());
    if (url !== undefined) return url;
  }
}
