import { WankitError } from '@wankit/core';
import { journalPathFor } from '../config/resolve-config.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { CommandContext } from '../run-action.js';
import { openJournal } from '../runtime/journal.js';
import { loadSettings } from '../runtime/session.js';
import { displayUrl, openStore, storeUrlOf } from '../runtime/store.js';
import { journalListing, storeListing, type TaskListing, type TaskListRow } from '../runtime/task-listing.js';

function dateOption(value: unknown, flag: string): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(day ? `${value}T00:00:00Z` : value);
  // `--until 2026-01-31` includes that whole day (UTC): the bound is the next midnight.
  if (day && flag === '--until' && !Number.isNaN(date.getTime())) date.setUTCDate(date.getUTCDate() + 1);
  if (Number.isNaN(date.getTime())) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `${flag} "${value}" is not a date: write 2026-01-31 or an ISO 8601 time`,
      field: flag,
      value,
    });
  }
  return date;
}

const money = (row: { cost?: number; currency?: string; estimated?: boolean }) =>
  row.cost === undefined
    ? '-'
    : `${row.cost}${row.currency ? ` ${row.currency}` : ''}${row.estimated ? ' (est.)' : ''}`;

const clip = (text: string | undefined, width: number) =>
  !text ? '-' : text.length > width ? `${text.slice(0, width - 1)}…` : text;

/**
 * `wankit tasks`: the tasks of the file journal (default) or of a Postgres store (`--store`), newest first,
 * filtered by status, batch and creation date; `--cost-by batch|day` sums the reported costs instead.
 */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options } = context;
  const url = storeUrlOf(context);
  let listing: TaskListing;
  let close = async () => {};
  if (url) {
    const store = await openStore(context, url);
    await store.migrate();
    listing = storeListing(store, `store ${displayUrl(url)} schema ${store.schema}`);
    close = () => store.close();
  } else {
    const settings = await loadSettings(context);
    const path = journalPathFor(settings, context.env);
    listing = await journalListing(await (await openJournal(path)).read(), path);
  }
  try {
    const status =
      typeof options.status === 'string'
        ? options.status
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    const filter = {
      ...(status ? { status } : {}),
      ...(typeof options.batch === 'string' ? { batch: options.batch } : {}),
      ...(dateOption(options.since, '--since') ? { since: dateOption(options.since, '--since')! } : {}),
      ...(dateOption(options.until, '--until') ? { until: dateOption(options.until, '--until')! } : {}),
    };
    if (options.costBy === 'batch' || options.costBy === 'day') {
      const rows = await listing.costs(options.costBy, filter);
      if (io.json)
        io.printJson({ ok: true, exitCode: 0, source: listing.source, by: options.costBy, costs: rows });
      else {
        for (const row of rows) io.out(`${row.group || '(none)'}\t${money(row)}\t${row.tasks} task(s)`);
        if (rows.length === 0) io.note(`no reported costs in ${listing.source}`);
      }
      return ExitCode.ok;
    }
    const rows = await listing.list({ ...filter, limit: Number(options.limit ?? 50) });
    if (io.json) {
      io.printJson({ ok: true, exitCode: 0, source: listing.source, tasks: rows });
      return ExitCode.ok;
    }
    printTable(context, rows);
    io.note(`${rows.length} task(s) from ${listing.source}`);
    return ExitCode.ok;
  } finally {
    await close();
  }
}

function printTable(context: CommandContext, rows: readonly TaskListRow[]): void {
  const { io } = context;
  if (rows.length === 0) return;
  io.out(['created', 'state', 'status', 'provider', 'cost', 'prompt', 'files'].join('\t'));
  for (const row of rows) {
    io.out(
      [
        row.createdAt.replace('T', ' ').slice(0, 19),
        row.state,
        row.status ?? '-',
        row.provider ?? '-',
        money(row),
        clip(row.prompt, 48),
        row.files.length ? row.files.join(' ') : (row.error ?? '-'),
      ].join('\t'),
    );
  }
}
