import {
  type FaultEndpoint,
  type FaultKind,
  type FaultOptions,
  type ResolvedFaults,
  resolveFaults,
  type WireFormat,
} from '../options.js';
import { createRandom, type Random, streamSeed } from '../random.js';

/** Faults answered before the request is handled: nothing was created. */
export const PRE_FAULTS: ReadonlySet<FaultKind> = new Set(['500', '502-html', '503']);

/** Draws a fault per eligible request from its own seeded stream: one draw per eligible request, so the same
 * seed and request sequence give the same faults. */
export class FaultInjector {
  private random: Random;

  constructor(
    private faults: ResolvedFaults,
    private readonly seed: number,
  ) {
    this.random = createRandom(streamSeed(seed, 'faults'));
  }

  get slowMs(): number {
    return this.faults.slowMs;
  }

  configure(options: FaultOptions): void {
    this.faults = resolveFaults(options);
  }

  draw(format: WireFormat, endpoint: FaultEndpoint): FaultKind | undefined {
    const { table, endpoints, formats } = this.faults;
    if (table.length === 0 || !endpoints.has(endpoint) || !formats.has(format)) return undefined;
    const roll = this.random.next();
    return table.find((entry) => roll < entry.upTo)?.kind;
  }

  reset(): void {
    this.random = createRandom(streamSeed(this.seed, 'faults'));
  }
}
