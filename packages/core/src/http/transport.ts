/**
 * The HTTP seam between core and adapters. Core implements it on ky; adapters describe a request and
 * read the answer. HTTP error statuses are returned, not thrown: the adapter's table decides what they
 * mean. Network failures, timeouts and aborts are thrown as `WankitError` (`network`, `timeout`,
 * `aborted`), with `requestSent` telling whether the server may have seen the request.
 */
export interface WireRequest {
  readonly method: 'GET' | 'POST';
  /** Path relative to the client's base URL, e.g. `/model/v1/generation`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** `create` requests are billable: core never re-sends one whose outcome is unknown. */
  readonly purpose: 'create' | 'read';
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as text; `''` when empty. */
  readonly text: string;
  readonly url: string;
}

export interface HttpTransport {
  send(request: WireRequest): Promise<WireResponse>;
}
