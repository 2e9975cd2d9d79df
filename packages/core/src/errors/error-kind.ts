/** Stable, documented error kinds. Switch on these, never on messages. */
export const errorKinds = [
  'invalid_request',
  'authentication',
  'insufficient_balance',
  'rate_limited',
  'content_policy',
  'invalid_input_url',
  'not_found',
  'provider_error',
  'timeout',
  'network',
  'invalid_response',
  'submit_uncertain',
  'aborted',
  'unsupported',
  /** The task journal could not be written, is damaged, or is locked by another run. */
  'journal',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** Whether an error of this kind is worth retrying by default (a status read; never a billable create). */
export const retryableByDefault: Readonly<Record<ErrorKind, boolean>> = {
  invalid_request: false,
  authentication: false,
  insufficient_balance: false,
  rate_limited: true,
  content_policy: false,
  invalid_input_url: false,
  not_found: false,
  provider_error: true,
  timeout: true,
  network: true,
  invalid_response: false,
  submit_uncertain: false,
  aborted: false,
  unsupported: false,
  journal: false,
};
