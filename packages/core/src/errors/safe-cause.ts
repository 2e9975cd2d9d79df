import { redactSecrets } from './redact.js';

// Plain facts worth keeping from a low-level error (node's system errors, undici's, TLS errors). Anything
// else an error carries is dropped: ky's TimeoutError keeps the whole `Request` (with its Authorization
// header) as `request`, and other libraries hang `options`, `config` or `response` objects on theirs.
const keptFields = ['code', 'errno', 'syscall', 'address', 'port', 'hostname', 'library', 'reason'] as const;

const maxDepth = 8;

function copyError(error: Error, seen: Set<unknown>, depth: number): Error {
  const message = redactSecrets(String(error.message ?? ''));
  const copy =
    error instanceof AggregateError || Array.isArray((error as { errors?: unknown }).errors)
      ? new AggregateError(
          ((error as unknown as { errors: unknown[] }).errors ?? []).map((inner) =>
            sanitize(inner, seen, depth + 1),
          ),
          message,
        )
      : new Error(message);
  copy.name = typeof error.name === 'string' ? error.name : 'Error';
  const record = error as unknown as Record<string, unknown>;
  for (const field of keptFields) {
    const value = record[field];
    if (typeof value === 'string' || typeof value === 'number') {
      (copy as unknown as Record<string, unknown>)[field] =
        typeof value === 'string' ? redactSecrets(value) : value;
    }
  }
  // The original frames say where it failed; the first line is rebuilt from the redacted message.
  const frames =
    typeof error.stack === 'string' ? error.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
  copy.stack = [`${copy.name}: ${message}`, ...frames].join('\n');
  if (error.cause !== undefined) {
    Object.defineProperty(copy, 'cause', {
      value: sanitize(error.cause, seen, depth + 1),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function sanitize(value: unknown, seen: Set<unknown>, depth: number): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value !== 'object') return value;
  if (seen.has(value) || depth > maxDepth) return undefined;
  seen.add(value);
  if (value instanceof Error || typeof (value as { message?: unknown }).message === 'string') {
    // A WankitError is already safe: its own cause went through here when it was built.
    if ((value as Record<symbol, unknown>)[Symbol.for('wankit.error')] === true) return value;
    return copyError(value as Error, seen, depth);
  }
  // Any other object (a Request, a Response, an options bag) may carry headers: keep only its type.
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return `[${typeof name === 'string' ? name : 'object'} removed]`;
}

/**
 * A copy of an error's cause chain that is safe to keep, print and log: names, redacted messages, system
 * error codes, stack frames and nested causes (and an AggregateError's members) survive; request and response
 * objects, headers and options do not. Every `WankitError` stores its cause through this, so no error, however
 * it is printed (`util.inspect`, `console.error`, JSON, the cause chain's `toString`), shows an API key.
 */
export function safeCause(cause: unknown): unknown {
  return sanitize(cause, new Set(), 0);
}
