import { resolve } from 'node:path';
import { isWankitError, type TaskRef, type TaskSnapshot, WankitError } from '@wankit/core';
import { isProviderId, type ProviderId } from '../config/provider-ids.js';
import { journalPathFor } from '../config/resolve-config.js';
import { ExitCode, type ExitCodeValue, exitCodeForError, worstExitCode } from '../exit-codes.js';
import { createProgress } from '../output/progress.js';
import { errorLine } from '../output/report-error.js';
import type { CommandContext } from '../run-action.js';
import { type Connection, connect } from '../runtime/connect.js';
import { downloadOutputs } from '../runtime/download-outputs.js';
import { httpLogOption } from '../runtime/http-log.js';
import { refTarget } from '../runtime/ref-target.js';
import { downloadHint, rerunCommand } from '../runtime/resume-hint.js';
import { openRunJournal, type RunJournal } from '../runtime/run-journal.js';
import { connectionFlags, loadSettings, timeScaleOf } from '../runtime/session.js';
import { storeRunJournal } from '../runtime/store.js';
import { describeUncertain, resolveHint } from '../runtime/uncertain-entry.js';

interface ResumeOutcome {
  readonly key: string;
  readonly taskId?: string;
  readonly result: string;
  readonly files: readonly string[];
  readonly exitCode: ExitCodeValue;
  readonly error?: Record<string, unknown>;
}

/** `wankit resume`: re-attach to every unfinished task of a journal, download finished results. */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const settings = await loadSettings(context);
  const journalPath = resolve(context.cwd, journalPathFor(settings, context.env));
  // The same lock as batch: two runs re-attaching to one journal would download and record twice. A shared
  // store needs no file lock: its claims keep processes apart.
  const run = (await storeRunJournal(context, journalPath)) ?? (await openRunJournal(context, journalPath));
  try {
    return await resumeTasks(context, journalPath, run);
  } finally {
    await run.close();
  }
}

async function resumeTasks(
  context: CommandContext,
  journalPath: string,
  run: RunJournal,
): Promise<ExitCodeValue> {
  const { io, options, interrupt } = context;
  const { journal } = run;
  const { summarizeJournal } = await import('@wankit/core');
  const entries = [...summarizeJournal(run.records).values()];
  const outDir = resolve(context.cwd, String(options.out ?? '.'));
  const download = options.download !== false;
  // The same command line, with the journal spelled out when it came from a default.
  const argv = context.argv.includes('--journal')
    ? context.argv
    : [...context.argv, '--journal', journalPath];
  interrupt.setResumeHint(
    `the journal is up to date; run the same command again to continue: ${rerunCommand(argv)}`,
  );

  const outcomes: ResumeOutcome[] = [];
  const work: { key: string; ref: TaskRef; snapshot?: TaskSnapshot }[] = [];
  for (const entry of entries) {
    if (entry.state === 'submitted' && entry.ref) work.push({ key: entry.key, ref: entry.ref });
    else if (
      entry.state === 'finished' &&
      download &&
      entry.terminal?.status === 'succeeded' &&
      entry.downloads.length === 0 &&
      entry.ref
    ) {
      work.push({ key: entry.key, ref: entry.ref, snapshot: entry.terminal });
    } else if (entry.state === 'uncertain' || entry.state === 'intended') {
      io.warn(
        `${entry.key}: ${describeUncertain(entry)}; it was not sent again. Check with the provider; ${resolveHint(entry.key, journalPath)}`,
      );
      outcomes.push({
        key: entry.key,
        result: 'uncertain',
        files: [],
        exitCode: ExitCode.timeoutOrUncertain,
      });
    }
  }
  io.note(
    `journal ${journalPath}: ${entries.length} task(s), ${work.length} to resume, ${outcomes.length} uncertain`,
  );

  // One connection (one client, one shared budget) per provider and base URL. The promise is stored at
  // once, so tasks asking at the same moment share it instead of each building a client.
  const connections = new Map<string, Promise<Connection>>();
  const flags = connectionFlags(options);
  const connectionFor = async (ref: TaskRef & { adapter: ProviderId }): Promise<Connection> => {
    // The key goes only where it is configured for, unless --base-url says otherwise.
    const { settings: target, explicit } = await refTarget(context, ref);
    const baseUrl = flags.baseUrl ?? ref.baseUrl;
    const id = `${ref.adapter} ${baseUrl ?? ''}`;
    const existing = connections.get(id);
    if (existing) return existing;
    const connecting = connect(target.target, io, {
      journal,
      timeScale: timeScaleOf(context),
      acceptRefsFromOtherBaseUrls: explicit,
      ...httpLogOption(context),
    }).then(async (connection) => {
      // One status read first, so that a simulator's time scale is known before any poll is planned.
      if (!connection.timeScaleKnown) await connection.client.status(ref).catch(() => undefined);
      return connection;
    });
    connections.set(id, connecting);
    return connecting;
  };

  const progress = await createProgress(io, { plainIntervalMs: 10_000 });
  try {
    await Promise.all(
      work.map(async ({ key, ref, snapshot: known }): Promise<void> => {
        try {
          if (!isProviderId(ref.adapter)) {
            throw new WankitError({
              kind: 'unsupported',
              message: `task ${ref.taskId} belongs to adapter "${ref.adapter}", which this CLI does not have`,
              field: 'task.adapter',
              value: ref.adapter,
            });
          }
          const connection = await connectionFor({ ...ref, adapter: ref.adapter });
          const snapshot =
            known ??
            (await connection.client.wait(ref, {
              key,
              signal: interrupt.signal,
              ...(typeof options.timeout === 'number' ? { deadlineMs: options.timeout } : {}),
            }));
          let files: Awaited<ReturnType<typeof downloadOutputs>> = [];
          if (snapshot.status === 'succeeded' && download) {
            try {
              files = await downloadOutputs(connection, snapshot, outDir, {
                signal: interrupt.signal,
                overwrite: true,
                key,
              });
            } catch (error) {
              if (!isWankitError(error) || error.kind === 'aborted') throw error;
              // Paid for and done: only the copy on this machine is missing.
              progress.log(
                `${ref.taskId}: succeeded but its results were not saved (${errorLine(error)}); fetch them later: ` +
                  downloadHint(connection, options, ref.taskId, journalPath, outDir),
              );
              outcomes.push({
                key,
                taskId: ref.taskId,
                result: 'not-saved',
                files: [],
                exitCode: ExitCode.notSaved,
                error: error.toJSON(),
              });
              return;
            }
          }
          progress.log(
            `${ref.taskId}: ${snapshot.status}${files.length ? ` → ${files.map((f) => f.path).join(', ')}` : ''}`,
          );
          outcomes.push({
            key,
            taskId: ref.taskId,
            result: snapshot.status,
            files: files.map((f) => f.path),
            exitCode: snapshot.status === 'succeeded' ? ExitCode.ok : ExitCode.taskFailed,
          });
        } catch (error) {
          if (!isWankitError(error)) throw error;
          if (error.kind !== 'aborted') progress.log(`${ref.taskId}: ${errorLine(error)} [${error.kind}]`);
          outcomes.push({
            key,
            taskId: ref.taskId,
            result: error.kind,
            files: [],
            exitCode: exitCodeForError(error),
            error: error.toJSON(),
          });
        }
      }),
    );
  } finally {
    progress.stop();
    for (const connecting of connections.values()) {
      const connection = await connecting.catch(() => undefined);
      await connection?.close();
    }
  }
  // A record that could not reach the journal: the task is not reported as done.
  for (const [index, outcome] of outcomes.entries()) {
    const failure = run.failures.get(outcome.key);
    if (!failure) continue;
    const message = `the journal could not record the ${failure.type} record of ${outcome.taskId ?? outcome.key}: ${failure.reason}`;
    io.err(`${io.colors.red('error:')} ${message}`);
    outcomes[index] = {
      ...outcome,
      result: 'journal-failed',
      exitCode: ExitCode.journalFailed,
      error: { kind: 'journal', message },
    };
  }
  const exitCode = worstExitCode(outcomes.map((o) => o.exitCode));
  if (interrupt.interrupted && interrupt.resumeHint) io.note(interrupt.resumeHint);
  if (io.json)
    io.printJson({ ok: exitCode === ExitCode.ok, exitCode, journal: journalPath, tasks: outcomes });
  else for (const o of outcomes) io.out(`${o.taskId ?? o.key}\t${o.result}\t${o.files.join(' ')}`);
  if (outcomes.length === 0) io.note('nothing to resume');
  return exitCode;
}
