/** Runs `count` jobs with at most `concurrency` at once; rejects on the first failure. */
export async function runPool(
  count: number,
  concurrency: number,
  job: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await job(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** A `fetch` that counts its calls; the same wrapper wraps both sides of a comparison. */
export function countingFetch(base: typeof fetch = globalThis.fetch): {
  fetch: typeof fetch;
  count(): number;
} {
  let calls = 0;
  return {
    fetch: (input, init) => {
      calls++;
      return base(input, init);
    },
    count: () => calls,
  };
}
