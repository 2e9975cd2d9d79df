import type { Logger } from '@wankit/core';

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
  /** A client logger that notes the header of each API response. */
  readonly logger: Logger;
}

/**
 * Reads the simulator's header from the client's response log (the client's `fetch` and its download reader
 * stay core's own). Only the CLI does this: a real provider sends no such header, and the library's defaults
 * never look for one.
 */
export function watchServerTimeScale(): ServerTimeScale {
  let value: number | undefined;
  let answered = false;
  const logger: Logger = {
    debug(message, data) {
      if (message !== 'http response') return;
      answered = true;
      const headers = data?.headers as Record<string, string> | undefined;
      const header = Number(headers?.[simTimeScaleHeader] ?? Number.NaN);
      if (Number.isFinite(header) && header > 0) value = header;
    },
  };
  return {
    get value() {
      return value;
    },
    get answered() {
      return answered;
    },
    logger,
  };
}
