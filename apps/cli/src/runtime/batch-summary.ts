import type { TaskSnapshot, WankitError } from '@wankit/core';
import type { Io } from '../output/io.js';
import type { DownloadedFile } from '../output/task-report.js';

/** What happened to one line in this run. */
export interface LineOutcome {
  readonly line: number;
  readonly key: string;
  readonly result:
    | 'succeeded'
    | 'failed'
    | 'refused'
    | 'uncertain'
    | 'timeout'
    | 'interrupted'
    | 'not-started'
    /** Succeeded and paid for, but the results could not be saved here. */
    | 'not-saved'
    /** The journal could not record this line's task. */
    | 'journal-failed';
  /** Finished in an earlier run; nothing was sent now. */
  readonly skipped?: boolean;
  readonly snapshot?: TaskSnapshot;
  readonly taskId?: string;
  readonly error?: WankitError;
  readonly files: readonly DownloadedFile[];
}

export interface BatchTotals {
  readonly lines: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Failures (task failures and refusals) by neutral error kind. */
  readonly failedByKind: Readonly<Record<string, number>>;
  readonly uncertain: number;
  readonly timedOut: number;
  readonly interrupted: number;
  /** Succeeded, results not saved. */
  readonly notSaved: number;
  /** Tasks the journal could not record. */
  readonly journalFailed: number;
  readonly skipped: number;
  /** Sum of the costs the provider reported, over every finished line (this run and earlier ones). */
  readonly cost: number;
  readonly costReported: number;
  /** The same costs summed per currency (`?` when the provider named none); a mixed sum above means little. */
  readonly costByCurrency: Readonly<Record<string, number>>;
  /** Some of these costs are wankit's estimates from a price list, not the provider's figures. */
  readonly costEstimated: boolean;
}

export function summarizeOutcomes(outcomes: readonly LineOutcome[]): BatchTotals {
  const failedByKind: Record<string, number> = {};
  let cost = 0;
  let costReported = 0;
  const byCurrency: Record<string, number> = {};
  let costEstimated = false;
  const counts = {
    succeeded: 0,
    failed: 0,
    uncertain: 0,
    timedOut: 0,
    interrupted: 0,
    notSaved: 0,
    journalFailed: 0,
    skipped: 0,
  };
  for (const outcome of outcomes) {
    if (outcome.skipped) counts.skipped += 1;
    const reported = outcome.snapshot?.usage?.cost;
    if (reported !== undefined) {
      cost += reported;
      costReported += 1;
      const currency = outcome.snapshot?.usage?.currency ?? '?';
      byCurrency[currency] = (byCurrency[currency] ?? 0) + reported;
      if (outcome.snapshot?.usage?.estimated) costEstimated = true;
    }
    switch (outcome.result) {
      case 'succeeded':
        counts.succeeded += 1;
        break;
      case 'failed':
      case 'refused': {
        counts.failed += 1;
        const kind = outcome.snapshot?.error?.kind ?? outcome.error?.kind ?? 'unknown';
        failedByKind[kind] = (failedByKind[kind] ?? 0) + 1;
        break;
      }
      case 'uncertain':
        counts.uncertain += 1;
        break;
      case 'timeout':
        counts.timedOut += 1;
        break;
      case 'not-saved':
        counts.notSaved += 1;
        break;
      case 'journal-failed':
        counts.journalFailed += 1;
        break;
      default:
        counts.interrupted += 1;
    }
  }
  // Round away binary float noise from summing decimal prices.
  return {
    lines: outcomes.length,
    ...counts,
    failedByKind,
    cost: Math.round(cost * 1e6) / 1e6,
    costReported,
    costByCurrency: Object.fromEntries(
      Object.entries(byCurrency).map(([currency, sum]) => [currency, Math.round(sum * 1e6) / 1e6]),
    ),
    costEstimated,
  };
}

/** Per-line results on stdout (paths of results), then the summary line on stderr. */
export function printBatchSummary(
  io: Io,
  outcomes: readonly LineOutcome[],
  totals: BatchTotals,
  journal: string,
): void {
  if (!io.json) {
    for (const outcome of outcomes) {
      const id = outcome.snapshot?.ref.taskId ?? outcome.taskId ?? '-';
      const detail =
        outcome.files.length > 0
          ? outcome.files.map((f) => f.path).join(' ')
          : (outcome.snapshot?.error?.kind ?? outcome.error?.kind ?? '');
      io.out(
        `line ${outcome.line}\t${outcome.result}${outcome.skipped ? ' (earlier run)' : ''}\t${id}\t${detail}`,
      );
    }
  }
  const kinds = Object.entries(totals.failedByKind).map(([kind, n]) => `${kind} ${n}`);
  io.err(
    `${io.colors.bold('summary')}: ${totals.lines} line(s): ${totals.succeeded} succeeded, ${totals.failed} failed` +
      (kinds.length > 0 ? ` (${kinds.join(', ')})` : '') +
      `, ${totals.uncertain} uncertain, ${totals.timedOut} timed out, ${totals.interrupted} interrupted` +
      (totals.notSaved > 0 ? `, ${totals.notSaved} succeeded but not saved` : '') +
      (totals.journalFailed > 0 ? `, ${totals.journalFailed} not recorded in the journal` : '') +
      `; ${totals.skipped} done in earlier runs; cost ${costText(totals)}` +
      ` (journal ${journal})`,
  );
}

/** `1.3 USD`, `1.3 USD + 2 CNY (est.)`, or `not reported`. */
function costText(totals: BatchTotals): string {
  if (totals.costReported === 0) return 'not reported';
  const sums = Object.entries(totals.costByCurrency).map(([currency, sum]) =>
    currency === '?' ? `${sum}` : `${sum} ${currency}`,
  );
  return `${sums.join(' + ')}${totals.costEstimated ? ' (est.)' : ''}`;
}
