export { type ErrorKind, errorKinds, retryableByDefault } from './error-kind.js';
export { redactHeaders, redactSecrets, registerSecret } from './redact.js';
export { isWankitError, WankitError, type WankitErrorOptions } from './wankit-error.js';
