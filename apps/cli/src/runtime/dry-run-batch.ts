import { existsSync } from 'node:fs';
import type { WanAdapter } from '@wankit/core';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { CommandContext } from '../run-action.js';
import type { BatchLine } from './batch-lines.js';
import { type Plan, planLine } from './batch-plan.js';
import { connect } from './connect.js';
import { costText, dryRunRequest, priceListInfo, printRequest, type RequestDryRun } from './dry-run.js';
import { timeScaleOf } from './session.js';
import { storeUrlOf } from './store.js';

export interface BatchDryRunSetup {
  readonly file: string;
  readonly journalPath: string;
  readonly download: boolean;
  readonly settings: ResolvedConfig;
  readonly adapter: WanAdapter;
  readonly lines: readonly BatchLine[];
}

/** What the run would do with each line: `submit` lines carry their preview. */
type LineDryRun = {
  line: number;
  key: string;
  plan: Plan['type'];
  reason?: string;
} & Partial<RequestDryRun>;

/**
 * `batch --dry-run`: plans every line from the journal as a real run would (read, not locked, not written),
 * previews and prices each line that would be submitted, and totals the estimates per currency.
 */
export async function dryRunBatch(context: CommandContext, setup: BatchDryRunSetup): Promise<ExitCodeValue> {
  const { io, options } = context;
  const { summarizeJournal } = await import('@wankit/core');
  let records: Parameters<typeof summarizeJournal>[0] = [];
  if (existsSync(setup.journalPath)) {
    const { createFileJournal } = await import('@wankit/core/node');
    records = await createFileJournal(setup.journalPath).read();
  }
  const summary = summarizeJournal(records);
  const embedded = setup.settings.target.mode === 'embedded';
  const plans = setup.lines.map((line) =>
    planLine(line, summary, {
      embedded,
      download: setup.download,
      resubmitUncertain: options.resubmitUncertain === true,
      retryFailed: options.retryFailed === true,
    }),
  );
  const connection = await connect(setup.settings.target, io, { timeScale: timeScaleOf(context) });
  try {
    const priceList = await priceListInfo(connection.adapter);
    if (storeUrlOf(context)) {
      io.note('with --store, the dry run does not read the store: lines it already has are shown as new');
    }
    const lines: LineDryRun[] = [];
    for (const plan of plans) {
      const base = {
        line: plan.line.line,
        key: plan.key,
        plan: plan.type,
        ...(plan.type === 'submit' && plan.reason ? { reason: plan.reason } : {}),
      };
      lines.push(
        plan.type === 'submit' ? { ...base, ...(await dryRunRequest(connection, plan.line.prepared)) } : base,
      );
    }
    const submitted = lines.filter((line) => line.plan === 'submit');
    const totals = new Map<string, { currency: string; amount: number; lines: number }>();
    for (const line of submitted) {
      if (!line.estimatedCost) continue;
      const total = totals.get(line.estimatedCost.currency) ?? {
        currency: line.estimatedCost.currency,
        amount: 0,
        lines: 0,
      };
      total.amount = Math.round((total.amount + line.estimatedCost.amount) * 1e6) / 1e6;
      total.lines += 1;
      totals.set(total.currency, total);
    }
    const estimatedTotal = [...totals.values()];
    const unpriced = submitted.filter((line) => !line.estimatedCost).map((line) => line.line);

    if (io.json) {
      io.printJson({
        ok: true,
        exitCode: ExitCode.ok,
        dryRun: true,
        sent: false,
        file: setup.file,
        journal: setup.journalPath,
        provider: connection.provider,
        embedded: connection.embedded,
        priceList,
        lines,
        estimatedTotal,
        unpriced,
      });
      return ExitCode.ok;
    }
    io.note(`dry run of ${setup.file}: this is what would be sent; nothing was sent`);
    for (const line of lines) {
      if (line.plan !== 'submit' || !line.request) {
        io.out(`line ${line.line}: would not be sent (${line.plan})`);
        continue;
      }
      io.out(
        `line ${line.line}: estimated cost ${costText(line.estimatedCost ?? null, priceList !== null)}` +
          (line.reason ? ` — submitting again: ${line.reason}` : ''),
      );
      printRequest(io, line.request, '  ');
      io.out('');
    }
    const totalText = estimatedTotal.map((t) => `${t.amount} ${t.currency}`).join(' + ') || 'none';
    io.out(
      `${submitted.length} of ${lines.length} line(s) would be sent; estimated total: ${totalText}` +
        (unpriced.length > 0 ? ` (no estimate for line(s) ${unpriced.join(', ')})` : ''),
    );
    if (priceList) io.out(`price list: ${priceList.id} (${priceList.provider}; ${priceList.source})`);
    return ExitCode.ok;
  } finally {
    await connection.close();
  }
}
