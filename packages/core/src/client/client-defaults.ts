/**
 * What a runtime entry supplies when the caller leaves it out. The fetch-only root entry supplies
 * nothing (global fetch); the Node entry supplies an undici pool per client (`createUndiciFetch`).
 */
export interface ClientDefaults {
  /**
   * Builds the API fetch of a client that was given no `fetch`, once per client. `requestTimeoutMs`
   * is the client's per-request timeout, for a fetch that times the response headers itself.
   */
  fetch?(settings: { readonly requestTimeoutMs: number }): typeof fetch;
}
