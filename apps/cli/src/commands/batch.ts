import { resolve } from 'node:path';
import { isWankitError, type TaskRef, type TaskSnapshot, WankitError } from '@wankit/core';
import { isLoopbackUrl } from '../config/resolve-config.js';
import { ExitCode, type ExitCodeValue, exitCodeForError, worstExitCode } from '../exit-codes.js';
import { createProgress } from '../output/progress.js';
import { errorLine } from '../output/report-error.js';
import type { DownloadedFile } from '../output/task-report.js';
import type { CommandContext } from '../run-action.js';
import { type BatchLine, readBatchLines } from '../runtime/batch-lines.js';
import { latestAttempt, type Plan, planLine } from '../runtime/batch-plan.js';
import { type LineOutcome, printBatchSummary, summarizeOutcomes } from '../runtime/batch-summary.js';
import { type Connection, connect, loadAdapter } from '../runtime/connect.js';
import { downloadOutputs } from '../runtime/download-outputs.js';
import { httpLogOption } from '../runtime/http-log.js';
import { reportInvalidLines } from '../runtime/invalid-lines.js';
import { type BatchTarget, describeTarget, foreignEntries, foreignToAll } from '../runtime/journal-target.js';
import { duplicateOutputNames, type NameBy, outputNameOf } from '../runtime/output-names.js';
import { draftFromFlags, type MediaKind, type RequestFlags } from '../runtime/request-builder.js';
import { downloadHint, rerunWithConnection } from '../runtime/resume-hint.js';
import { openRunJournal, type RunJournal } from '../runtime/run-journal.js';
import { loadSettings, timeScaleOf } from '../runtime/session.js';
import { storeUrlOf } from '../runtime/store.js';
import { describeUncertain, resolveHint } from '../runtime/uncertain-entry.js';

/**
 * `wankit batch <file.jsonl>`: every line once. Crash safety comes from the journal next to the file:
 * core writes `intent` before each create and `submitted` after it (fsync'd), so a re-run knows what
 * was finished, what to re-attach to, and which lines have an unknown submit outcome.
 */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options } = context;
  // A shared Postgres store takes the batch into its worker pool instead of the file journal (a dry run
  // sends nothing and needs no ledger).
  if (storeUrlOf(context) && options.dryRun !== true) {
    if (options.retryFailed === true || options.nameBy !== undefined) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `${options.retryFailed === true ? '--retry-failed' : '--name-by'} works with the file journal, not with --store (nothing was sent)`,
        field: options.retryFailed === true ? '--retry-failed' : '--name-by',
        allowed: ['omit --store'],
      });
    }
    return (await import('./batch-store.js')).run(context);
  }
  const file = resolve(context.cwd, context.args[0] ?? '');
  const settings = await loadSettings(context);
  // Only an explicit --journal moves the batch journal; the per-user default is for single tasks.
  const journalPath =
    typeof options.journal === 'string' ? resolve(context.cwd, options.journal) : `${file}.journal.jsonl`;
  const outDir = resolve(context.cwd, String(options.out ?? '.'));
  const download = options.download !== false;

  const adapter = await loadAdapter(settings.target);
  const flags = options as RequestFlags;
  const defaults = {
    ...draftFromFlags('video', flags, adapter.id),
    ...draftFromFlags('image', flags, adapter.id),
  };
  const nameBy = options.nameBy as NameBy | undefined;
  const read = await readBatchLines(file, options.kind as MediaKind, defaults, adapter);
  const { lines } = read;
  const errors = [...read.errors, ...duplicateOutputNames(lines, nameBy)].sort((a, b) => a.line - b.line);
  if (errors.length > 0) return reportInvalidLines(io, errors, file, 'sent');
  for (const line of lines) {
    for (const warning of line.prepared.warnings) {
      io.warn(
        `line ${line.line}: ${warning.type === 'other' ? warning.message : `${warning.setting} ${warning.type}${warning.details ? ` (${warning.details})` : ''}`}`,
      );
    }
  }

  if (options.dryRun === true) {
    const { dryRunBatch } = await import('../runtime/dry-run-batch.js');
    return dryRunBatch(context, { file, journalPath, download, settings, adapter, lines });
  }

  // One run per journal: a second one would plan the same lines and pay for them twice.
  const run = await openRunJournal(context, journalPath);
  try {
    return await runBatch(
      context,
      { file, journalPath, outDir, download, settings, adapter, lines, nameBy },
      run,
    );
  } finally {
    await run.close();
  }
}

interface BatchSetup {
  readonly file: string;
  readonly journalPath: string;
  readonly outDir: string;
  readonly download: boolean;
  readonly settings: Awaited<ReturnType<typeof loadSettings>>;
  readonly adapter: Awaited<ReturnType<typeof loadAdapter>>;
  readonly lines: BatchLine[];
  readonly nameBy: NameBy | undefined;
}

async function runBatch(context: CommandContext, setup: BatchSetup, run: RunJournal): Promise<ExitCodeValue> {
  const { io, options, interrupt } = context;
  const { file, journalPath, outDir, download, settings, adapter, lines, nameBy } = setup;
  const { journal } = run;
  const { summarizeJournal } = await import('@wankit/core');
  const summary = summarizeJournal(run.records);
  const embedded = settings.target.mode === 'embedded';
  const current: BatchTarget = embedded
    ? { adapter: adapter.id, baseUrl: undefined, local: true }
    : {
        adapter: adapter.id,
        baseUrl: settings.target.baseUrl ?? adapter.defaultBaseUrl,
        local: isLoopbackUrl(settings.target.baseUrl ?? adapter.defaultBaseUrl ?? ''),
      };
  const entries = lines
    .map((line) => latestAttempt(line.key, summary).entry)
    .filter((entry) => entry !== undefined);
  const routes = settings.target.mode === 'remote' ? settings.target.routes : undefined;
  // With several providers, a line belongs to this run when any of them sent it.
  const foreign = routes
    ? foreignToAll(
        entries,
        routes.map((route) => ({
          adapter: route.provider,
          baseUrl: route.baseUrl,
          local: isLoopbackUrl(route.baseUrl ?? ''),
        })),
      )
    : foreignEntries(entries, current);
  if (foreign.length > 0) {
    const first = foreign[0]!;
    const error = new WankitError({
      kind: 'invalid_request',
      message:
        `the journal ${journalPath} records ${foreign.length} line(s) sent to ${first.target}, but this run would ` +
        `send to ${describeTarget(current)}; re-run with the same provider settings, or pass --journal with a new ` +
        'path to start over (nothing was sent)',
      field: 'provider',
      value: describeTarget(current),
      allowed: [first.target],
    });
    io.err(`${io.colors.red('error:')} ${errorLine(error)}`);
    if (io.json) io.printJson({ ok: false, exitCode: ExitCode.usage, error: error.toJSON() });
    return ExitCode.usage;
  }
  const plans: Plan[] = lines.map((line) =>
    planLine(line, summary, {
      embedded,
      download,
      resubmitUncertain: options.resubmitUncertain === true,
      retryFailed: options.retryFailed === true,
    }),
  );
  const count = (type: Plan['type']) => plans.filter((p) => p.type === type).length;
  io.note(
    `batch ${file}: ${lines.length} line(s): ${count('done')} already done, ${count('attach')} to re-attach, ` +
      `${count('download')} to download, ${count('submit')} to submit, ${count('uncertain')} with an unknown outcome` +
      ` (journal ${journalPath})`,
  );
  for (const plan of plans) {
    if (plan.type === 'submit' && plan.reason)
      io.note(`line ${plan.line.line}: submitting again: ${plan.reason}`);
    if (plan.type === 'uncertain') {
      io.warn(
        `line ${plan.line.line}: an earlier submit may or may not have created a task; not sent again: ${describeUncertain(plan.entry)}. ` +
          `Check with the provider; ${resolveHint(plan.key, journalPath)}; or re-run with --resubmit-uncertain to send it anyway.`,
      );
    }
  }

  const outcomes = new Map<number, LineOutcome>();
  for (const plan of plans) {
    if (plan.type === 'done') {
      outcomes.set(plan.line.line, {
        line: plan.line.line,
        key: plan.key,
        result: plan.snapshot?.status === 'succeeded' ? 'succeeded' : 'failed',
        skipped: true,
        ...(plan.snapshot ? { snapshot: plan.snapshot } : {}),
        files: plan.files,
      });
    }
    if (plan.type === 'uncertain') {
      outcomes.set(plan.line.line, {
        line: plan.line.line,
        key: plan.key,
        result: 'uncertain',
        files: [],
      });
    }
  }
  const work = plans.filter((p) => p.type === 'attach' || p.type === 'download' || p.type === 'submit');
  let rerun = rerunWithConnection(context.argv, undefined, options);
  let batchConnection: Connection | undefined;
  interrupt.setResumeHint(`the journal is up to date; re-run the same command to resume: ${rerun}`);

  if (work.length > 0) {
    const connection = await connect(settings.target, io, {
      journal,
      adapter,
      timeScale: timeScaleOf(context),
      ...httpLogOption(context),
    });
    // The hint names the provider, base URL and time scale even when they came from the environment.
    batchConnection = connection;
    rerun = rerunWithConnection(context.argv, connection, options);
    interrupt.setResumeHint(`the journal is up to date; re-run the same command to resume: ${rerun}`);
    try {
      const limitTasks = adapter.capabilities.limits.concurrentTasks ?? Number.POSITIVE_INFINITY;
      const concurrency = Math.max(1, Math.min(Number(options.concurrency ?? 4), limitTasks));
      const { default: pLimit } = await import('p-limit');
      const limit = pLimit(concurrency);
      const progress = await createProgress(io, { plainIntervalMs: 10_000 });
      let running = 0;
      let finished = 0;
      const status = () =>
        `batch: ${finished}/${work.length} finished · ${running} in flight · ${work.length - finished - running} waiting`;
      progress.update(status());

      const runOne = async (plan: Plan): Promise<LineOutcome> => {
        const { line, key } = plan;
        const base = { line: line.line, key };
        if (interrupt.signal.aborted) return { ...base, result: 'not-started', files: [] };
        running += 1;
        progress.update(status());
        let ref: TaskRef | undefined;
        try {
          let snapshot: TaskSnapshot;
          if (plan.type === 'download') {
            snapshot = plan.snapshot;
            ref = snapshot.ref;
          } else {
            if (plan.type === 'attach') {
              ref = plan.ref;
            } else {
              // Ctrl-C stops a submit that is still waiting (slot, rate token, retry delay) but lets a
              // create already sent finish, so that its outcome is journaled, never left uncertain.
              ref = (
                await connection.client.submit(line.prepared, {
                  key,
                  cancelBeforeSend: interrupt.signal,
                })
              ).ref;
              progress.log(`line ${line.line}: submitted ${ref.taskId}`);
            }
            snapshot = await connection.client.wait(ref, {
              key,
              signal: interrupt.signal,
              ...(typeof options.timeout === 'number' ? { deadlineMs: options.timeout } : {}),
            });
          }
          let files: DownloadedFile[] = [];
          if (snapshot.status === 'succeeded' && download) {
            try {
              const name = outputNameOf(line, nameBy);
              files = await downloadOutputs(connection, snapshot, outDir, {
                signal: interrupt.signal,
                // A task id names only that task's own files; a chosen name could be anyone's.
                overwrite: name === undefined || options.overwrite === true,
                ...(name !== undefined ? { name } : {}),
                ...(plan.type === 'submit' ? {} : { key }),
              });
            } catch (error) {
              if (!isWankitError(error) || error.kind === 'aborted') throw error;
              // Paid for and done: only the copy on this machine is missing, and it can be fetched later.
              progress.log(
                `line ${line.line}: task ${snapshot.ref.taskId} succeeded but its results were not saved (${errorLine(error)}); ` +
                  `fetch them later: ${downloadHint(connection, options, snapshot.ref.taskId, journalPath, outDir)}`,
              );
              return {
                ...base,
                result: 'not-saved',
                snapshot,
                error,
                files: [],
                taskId: snapshot.ref.taskId,
              };
            }
          }
          progress.log(
            `line ${line.line}: ${snapshot.status}${files.length > 0 ? ` → ${files.map((f) => f.path).join(', ')}` : ''}` +
              (snapshot.error ? ` [${snapshot.error.kind}] ${snapshot.error.message}` : ''),
          );
          return {
            ...base,
            result: snapshot.status === 'succeeded' ? 'succeeded' : 'failed',
            snapshot,
            files,
          };
        } catch (error) {
          if (!isWankitError(error)) throw error;
          if (error.kind === 'journal' && error.taskRef) {
            // Loud, on stderr, with everything needed to find the task again: the journal does not have it.
            io.err(
              `${io.colors.red('error:')} line ${line.line}: ${errorLine(error)}\n  wait on it with: wankit wait '${JSON.stringify(error.taskRef)}'`,
            );
          } else if (error.kind !== 'aborted')
            progress.log(`line ${line.line}: ${errorLine(error)} [${error.kind}]`);
          const taskRef = ref ?? error.taskRef;
          const result =
            error.kind === 'journal'
              ? 'journal-failed'
              : error.kind === 'aborted'
                ? 'interrupted'
                : error.kind === 'submit_uncertain'
                  ? 'uncertain'
                  : exitCodeForError(error) === ExitCode.timeoutOrUncertain
                    ? 'timeout'
                    : ref
                      ? 'failed'
                      : 'refused';
          return { ...base, result, error, files: [], ...(taskRef ? { taskId: taskRef.taskId } : {}) };
        } finally {
          running -= 1;
          finished += 1;
          progress.update(status());
        }
      };
      const results = await Promise.all(work.map((plan) => limit(() => runOne(plan))));
      progress.stop();
      for (const outcome of results) outcomes.set(outcome.line, outcome);
    } finally {
      await connection.close();
    }
  }

  // A record core could only log (a final status, a download) failed to reach the journal: such a line
  // is not reported as done, since a re-run would not know it.
  const ordered = lines.map((l) => {
    const outcome = outcomes.get(l.line)!;
    const failure = run.failures.get(outcome.key);
    if (!failure || outcome.result === 'journal-failed') return outcome;
    const taskId = outcome.snapshot?.ref.taskId ?? outcome.taskId;
    const error = new WankitError({
      kind: 'journal',
      message: `the journal could not record the ${failure.type} record of line ${l.line}${taskId ? ` (task ${taskId})` : ''}: ${failure.reason}`,
      field: 'journal',
      requestSent: true,
      ...(outcome.snapshot ? { taskRef: outcome.snapshot.ref } : {}),
    });
    io.err(`${io.colors.red('error:')} ${error.message}`);
    return { ...outcome, result: 'journal-failed' as const, error };
  });
  const totals = summarizeOutcomes(ordered);
  const exitCode = worstExitCode(ordered.map(exitCodeOfOutcome));
  printBatchSummary(io, ordered, totals, journalPath);
  const failedTasks = ordered.filter((o) => o.snapshot?.status === 'failed').length;
  if (failedTasks > 0) {
    io.note(
      `${failedTasks} line(s) ran and failed; re-run with --retry-failed to submit them again (a new task each, paid again)`,
    );
  }
  if (exitCode === ExitCode.interrupted) {
    io.note(
      // Now with the time scale a simulator named in its answers, if any.
      `interrupted: submitted tasks keep running; the journal is up to date; re-run the same command to resume: ${rerunWithConnection(context.argv, batchConnection, options)}`,
    );
  }
  if (io.json) {
    io.printJson({
      ok: exitCode === ExitCode.ok,
      exitCode,
      journal: journalPath,
      summary: totals,
      lines: ordered.map((o) => ({
        line: o.line,
        key: o.key,
        result: o.result,
        skipped: o.skipped ?? false,
        taskId: o.snapshot?.ref.taskId ?? o.taskId,
        status: o.snapshot?.status,
        cost: o.snapshot?.usage?.cost,
        currency: o.snapshot?.usage?.currency,
        failure: o.snapshot?.error,
        error: o.error?.toJSON(),
        files: o.files,
      })),
    });
  }
  return exitCode;
}

function exitCodeOfOutcome(outcome: LineOutcome): ExitCodeValue {
  switch (outcome.result) {
    case 'succeeded':
      return ExitCode.ok;
    case 'not-saved':
      return ExitCode.notSaved;
    case 'journal-failed':
      return outcome.error ? exitCodeForError(outcome.error) : ExitCode.journalFailed;
    case 'failed':
      return outcome.error ? exitCodeForError(outcome.error) : ExitCode.taskFailed;
    case 'refused':
      return outcome.error ? exitCodeForError(outcome.error) : ExitCode.refused;
    case 'uncertain':
    case 'timeout':
      return ExitCode.timeoutOrUncertain;
    case 'interrupted':
    case 'not-started':
      return ExitCode.interrupted;
  }
}
