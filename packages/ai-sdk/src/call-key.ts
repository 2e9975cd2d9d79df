// The journal key of a start: `providerOptions.wankit.key`, else the AI SDK's `idempotency-key` header (ai 7 mints
// one per logical start and reuses it across retries), else none (a fresh key per call).
export function callKey(
  optionKey: string | undefined,
  headers: Record<string, string | undefined> | undefined,
): string | undefined {
  if (optionKey) return optionKey;
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'idempotency-key' && value) return value;
  }
  return undefined;
}
