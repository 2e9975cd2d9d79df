/**
 * The header a wankit simulator puts on every response: its time scale (`wankit sim --time-scale`). Kept in
 * step with `TIME_SCALE_HEADER` of @wankit/simulator (a test checks it); not imported from there so that a
 * run against a real provider never loads the simulator.
 */
export const simTimeScaleHeader = 'x-wankit-sim-time-scale';

/** What the server has said about its pace so far. */
export interface ServerTimeScale {
  /** The simulator's time scale, once a response carried it. */
  readonly value: number | undefined;
  /** Some response came back (with or without the header): the pace is known. */
  readonly answered: boolean;
  /** `fetch` that notes the header of each response, for the client. */
  readonly fetch: typeof fetch;
}

/**
 * Wraps a fetch to read the simulator's header. Only the CLI does this: a real provider sends no such header,
 * and the library's own defaults never look for one.
 */
export function watchServerTimeScale(inner: typeof fetch): ServerTimeScale {
  let value: number | undefined;
  let answered = false;
  const watched = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const response = await inner(input, init);
    answered = true;
    const header = Number(response.headers.get(simTimeScaleHeader) ?? Number.NaN);
    if (Number.isFinite(header) && header > 0) value = header;
    return response;
  }) as typeof fetch;
  return {
    get value() {
      return value;
    },
    get answered() {
      return answered;
    },
    fetch: watched,
  };
}
