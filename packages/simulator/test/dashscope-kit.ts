import type { Simulator } from '../src/server.js';
import type { ApiResponse } from './sim-test-kit.js';

export const VIDEO = '/api/v1/services/aigc/video-generation/video-synthesis';
export const KF2V = '/api/v1/services/aigc/image2video/video-synthesis';
export const T2I = '/api/v1/services/aigc/text2image/image-synthesis';
export const ASYNC = { 'X-DashScope-Async': 'enable' } as const;

/** A DashScope call: JSON body, bearer key, the async header unless other headers are given. */
export async function ds(
  sim: Simulator,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = ASYNC,
  key: string | null = 'sk-test',
): Promise<ApiResponse> {
  const all: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (key !== null) all.authorization = `Bearer ${key}`;
  const response = await fetch(sim.url(path), {
    method,
    headers: all,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Creates a task and returns its id (fails the test when the create is refused). */
export async function createTask(
  sim: Simulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = ASYNC,
): Promise<string> {
  const created = await ds(sim, 'POST', path, body, headers);
  if (created.status !== 200) throw new Error(`create refused: ${created.status} ${created.text}`);
  return created.json.output.task_id as string;
}
