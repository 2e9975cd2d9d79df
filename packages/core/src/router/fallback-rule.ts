import type { WankitError } from '../errors/wankit-error.js';
import type { FallbackRule } from './route-attempt.js';

/**
 * The fallback rule a failed create falls under, or `undefined` when the router must not try elsewhere. Only
 * refusals that provably created nothing qualify; the client's retry policy has judged the create already, so
 * an unknown outcome arrives here as `submit_uncertain` (or `aborted` / `timeout`) and is never moved on.
 */
export function fallbackRuleOf(error: WankitError): FallbackRule | undefined {
  switch (error.kind) {
    case 'rate_limited':
      return 'rate_limited';
    // 503 is the one 5xx the retry policy calls a refusal; 500/502/504 are uncertain and never get here.
    case 'provider_error':
      return error.httpStatus === 503 ? 'unavailable' : undefined;
    case 'network':
      return error.requestSent === false ? 'not_sent' : undefined;
    case 'authentication':
      return 'authentication';
    case 'insufficient_balance':
      return 'insufficient_balance';
    // A kind or model refused before sending, or a create answered 404 (model unknown there).
    case 'unsupported':
    case 'not_found':
      return 'not_served';
    default:
      return undefined;
  }
}
