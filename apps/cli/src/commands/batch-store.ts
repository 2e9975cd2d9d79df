import { basename, resolve } from 'node:path';
import { type ErrorKind, WankitError } from '@wankit/core';
import type { StoredTask } from '@wankit/store-postgres';
import { ExitCode, type ExitCodeValue, exitCodeForError, worstExitCode } from '../exit-codes.js';
import type { CommandContext } from '../run-action.js';
import { readBatchLines } from '../runtime/batch-lines.js';
import { type LineOutcome, printBatchSummary, summarizeOutcomes } from '../runtime/batch-summary.js';
import { loadAdapter } from '../runtime/connect.js';
import { reportInvalidLines } from '../runtime/invalid-lines.js';
import { draftFromFlags, type MediaKind, type RequestFlags } from '../runtime/request-builder.js';
import { loadSettings } from '../runtime/session.js';
import { displayUrl, openStore, requireStoreUrl } from '../runtime/store.js';
import { startPool } from '../runtime/store-pool.js';

function outcomeOf(line: number, task: StoredTask | undefined, key: string): LineOutcome {
  const base = {
    line,
    key,
    files: task?.files.map(({ path, bytes, sha256, url }) => ({ path, bytes, sha256, url })) ?? [],
  };
  const snapshot = task?.snapshot ? { snapshot: task.snapshot } : {};
  const error = task?.error
    ? {
        error: new WankitError({
          kind: (task.error.kind as ErrorKind | undefined) ?? 'provider_error',
          message: String(task.error.message ?? task.state),
        }),
      }
    : {};
  switch (task?.state) {
    case 'downloaded':
    case 'finished':
      return { ...base, ...snapshot, result: task.status === 'succeeded' ? 'succeeded' : 'failed' };
    case 'uncertain':
      return { ...base, ...error, result: 'uncertain' };
    case 'refused':
      return { ...base, ...error, result: 'refused' };
    default:
      return { ...base, result: 'not-started', ...(task?.taskId ? { taskId: task.taskId } : {}) };
  }
}

function exitCodeOf(outcome: LineOutcome): ExitCodeValue {
  switch (outcome.result) {
    case 'succeeded':
      return ExitCode.ok;
    case 'failed':
      return ExitCode.taskFailed;
    case 'refused':
      return outcome.error ? exitCodeForError(outcome.error) : ExitCode.refused;
    case 'uncertain':
    case 'timeout':
      return ExitCode.timeoutOrUncertain;
    default:
      return ExitCode.interrupted;
  }
}

/**
 * `wankit batch <file> --store postgres://…`: every line goes into the store's queue under a key made of the
 * batch name and the line's request (re-running, or running the same file on two machines, queues nothing
 * twice); then, unless `--enqueue-only`, this process works on the queue with the other workers until no job
 * of the batch is left, and prints the batch's outcome from the store.
 */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options, interrupt } = context;
  const file = resolve(context.cwd, context.args[0] ?? '');
  const url = requireStoreUrl(context);
  const settings = await loadSettings(context);
  const adapter = await loadAdapter(settings.target);
  const flags = options as RequestFlags;
  const defaults = {
    ...draftFromFlags('video', flags, adapter.id),
    ...draftFromFlags('image', flags, adapter.id),
  };
  const { lines, errors } = await readBatchLines(file, options.kind as MediaKind, defaults, adapter);
  if (errors.length > 0) return reportInvalidLines(io, errors, file, 'queued');
  const batch = typeof options.batchName === 'string' ? options.batchName : basename(file);
  const keyOf = (lineKey: string) => `${batch}/${lineKey}`;
  const store = await openStore(context, url);
  try {
    await store.migrate();
    const queued = await store.enqueueMany(
      lines.map((line) => ({ request: line.prepared.input.request, key: keyOf(line.key), batch })),
    );
    io.note(
      `batch "${batch}" in ${displayUrl(url)} schema ${store.schema}: ${lines.length} line(s): ` +
        `${queued.enqueued.length} queued now, ${queued.requeued.length} queued again (refused last time), ` +
        `${queued.existing.length} already in the store`,
    );
    if (options.enqueueOnly === true) {
      if (io.json) {
        io.printJson({
          ok: true,
          exitCode: 0,
          batch,
          schema: store.schema,
          ...queued,
          roundTrips: store.roundTrips,
        });
      }
      return ExitCode.ok;
    }

    const out = options.download === false ? undefined : resolve(context.cwd, String(options.out ?? '.'));
    const pool = await startPool(context, store, settings, out);
    interrupt.setResumeHint(
      'queued lines stay in the store: re-run the same command, or run `wankit worker`, to finish them',
    );
    try {
      // Done when no job of this batch is waiting, delayed, running or due for a retry, on any worker.
      while (!interrupt.signal.aborted && (await store.pendingJobs(`${batch}/`)) > 0) {
        await new Promise((done) => setTimeout(done, 500));
      }
    } finally {
      await pool.stop();
    }

    const tasks = new Map(
      (await store.listTasks({ batch, limit: lines.length + 1_000 })).map((task) => [task.key, task]),
    );
    const outcomes = lines.map((line) => outcomeOf(line.line, tasks.get(keyOf(line.key)), keyOf(line.key)));
    const totals = summarizeOutcomes(outcomes);
    const exitCode = worstExitCode(outcomes.map(exitCodeOf));
    printBatchSummary(
      io,
      outcomes,
      totals,
      `store ${displayUrl(url)} schema ${store.schema}, batch "${batch}"`,
    );
    if (io.json) {
      io.printJson({
        ok: exitCode === ExitCode.ok,
        exitCode,
        batch,
        schema: store.schema,
        queued,
        summary: totals,
        lines: outcomes.map((o) => ({
          line: o.line,
          key: o.key,
          result: o.result,
          taskId: o.snapshot?.ref.taskId ?? o.taskId,
          status: o.snapshot?.status,
          cost: o.snapshot?.usage?.cost,
          error: o.error?.toJSON(),
          files: o.files,
        })),
      });
    }
    return exitCode;
  } finally {
    await store.close();
  }
}
