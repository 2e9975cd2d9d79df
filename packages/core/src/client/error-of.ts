import { WankitError } from '../errors/wankit-error.js';

/** Any thrown value as a WankitError (a foreign error becomes `provider_error`, its message kept). */
export function errorOf(error: unknown): WankitError {
  if (WankitError.isInstance(error)) return error;
  return new WankitError({
    kind: 'provider_error',
    message: String((error as Error)?.message ?? error),
    cause: error,
  });
}
