import type { JournalTaskSummary } from '@wankit/core';
import { isLoopbackUrl } from '../config/resolve-config.js';

/** Where a batch sends its creates: a provider, and whether that is a local (simulator) server. */
export interface BatchTarget {
  readonly adapter: string;
  /** `undefined` for the embedded simulator, whose port changes on every run. */
  readonly baseUrl: string | undefined;
  readonly local: boolean;
}

function describe(target: BatchTarget): string {
  return `${target.adapter} at ${target.local ? 'a local simulator' : (target.baseUrl ?? "the adapter's default URL")}`;
}

/**
 * The journal entries that were sent somewhere else than this run would send them. Re-planning those
 * against another target would resubmit paid tasks to a simulator (or simulator tasks to a provider),
 * and the new records would hide the real ones, so batch refuses to go on.
 */
export function foreignEntries(
  entries: Iterable<JournalTaskSummary>,
  current: BatchTarget,
): { entry: JournalTaskSummary; target: string }[] {
  const foreign: { entry: JournalTaskSummary; target: string }[] = [];
  for (const entry of entries) {
    const adapter = entry.ref?.adapter ?? entry.intent?.adapter;
    const baseUrl = entry.ref?.baseUrl ?? entry.intent?.baseUrl;
    if (adapter === undefined) continue;
    const local = baseUrl !== undefined && isLoopbackUrl(baseUrl);
    const sameUrl =
      local || baseUrl === undefined || current.baseUrl === undefined || baseUrl === current.baseUrl;
    if (adapter !== current.adapter || local !== current.local || !sameUrl) {
      foreign.push({ entry, target: describe({ adapter, baseUrl, local }) });
    }
  }
  return foreign;
}

export { describe as describeTarget };

/** For several providers (a router): the entries no one of `targets` could have sent. */
export function foreignToAll(
  entries: readonly JournalTaskSummary[],
  targets: readonly BatchTarget[],
): { entry: JournalTaskSummary; target: string }[] {
  const foreignTo = targets.map((target) => new Set(foreignEntries(entries, target).map((f) => f.entry)));
  return foreignEntries(entries, targets[0] as BatchTarget).filter((f) =>
    foreignTo.every((set) => set.has(f.entry)),
  );
}
