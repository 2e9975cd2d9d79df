import { WankitError } from '../errors/wankit-error.js';
import type { TaskRef } from '../spec/task.js';

/** Two base URLs name the same endpoint: scheme, host and port, and path without trailing slashes. */
export function sameBaseUrl(a: string, b: string): boolean {
  const normal = (value: string) => {
    try {
      const url = new URL(value);
      return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      return value.replace(/\/+$/, '');
    }
  };
  return normal(a) === normal(b);
}

/**
 * A ref created at another base URL is refused unless the caller accepts it explicitly: the client polls its
 * own base URL (the only one its key is for), which then is either not where the task lives or a choice the
 * caller must make on purpose.
 */
export function checkRefBaseUrl(ref: TaskRef, clientBaseUrl: string | undefined, accept: boolean): void {
  if (accept || ref.baseUrl === undefined || clientBaseUrl === undefined) return;
  if (sameBaseUrl(ref.baseUrl, clientBaseUrl)) return;
  throw new WankitError({
    kind: 'invalid_request',
    message: `task ${ref.taskId} was created at ${ref.baseUrl}, but this client (and its API key) is for ${clientBaseUrl}`,
    field: 'ref.baseUrl',
    value: ref.baseUrl,
    allowed: [clientBaseUrl],
    taskRef: ref,
    hint: { option: 'acceptRefsFromOtherBaseUrls', value: ref.baseUrl },
  });
}
