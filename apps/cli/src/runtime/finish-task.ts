import { resolve } from 'node:path';
import type { TaskRef, TaskSnapshot, WankitError } from '@wankit/core';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { errorLine } from '../output/report-error.js';
import type { DownloadedFile } from '../output/task-report.js';
import type { CommandContext } from '../run-action.js';
import type { Connection } from './connect.js';
import { downloadOutputs } from './download-outputs.js';
import { followTask } from './follow-task.js';
import { downloadHint } from './resume-hint.js';

export interface FinishedTask {
  readonly snapshot: TaskSnapshot;
  readonly files: DownloadedFile[] | undefined;
  readonly exitCode: ExitCodeValue;
  /** Why the results were not saved (exit 6). */
  readonly error?: WankitError;
}

/**
 * What `video`, `image` and `wait` do once a task exists: follow it with live progress, download the
 * results into `--out` unless `--no-download`, and pick the exit code from how the task ended.
 */
export async function finishTask(
  context: CommandContext,
  connection: Connection,
  ref: TaskRef,
  key?: string,
  journalPath?: string,
): Promise<FinishedTask> {
  const { io, options, interrupt } = context;
  const { expectedDurationSeconds, getModel } = await import('@wankit/core');
  const snapshot = await followTask(connection, ref, io, {
    ...(key ? { key } : {}),
    signal: interrupt.signal,
    ...(options.timeout !== undefined ? { timeoutMs: options.timeout as number } : {}),
    typicalSeconds: expectedDurationSeconds(getModel(ref.model), ref.resolution),
  });
  let files: DownloadedFile[] | undefined;
  if (snapshot.status === 'succeeded' && options.download !== false) {
    const outDir = resolve(context.cwd, String(options.out ?? '.'));
    try {
      files = await downloadOutputs(connection, snapshot, outDir, {
        signal: interrupt.signal,
        ...(key ? { key } : {}),
      });
    } catch (error) {
      const { isWankitError } = await import('@wankit/core');
      if (!isWankitError(error) || error.kind === 'aborted') throw error;
      // The task is done and paid for; only the copy here is missing. Not exit 2: something was sent.
      io.err(
        `${io.colors.red('error:')} task ${ref.taskId} succeeded but its results were not saved: ${errorLine(error)}`,
      );
      if (!connection.embedded)
        io.note(`fetch them later: ${downloadHint(connection, options, ref.taskId, journalPath, outDir)}`);
      return { snapshot, files: [], exitCode: ExitCode.notSaved, error };
    }
  }
  return { snapshot, files, exitCode: snapshot.status === 'succeeded' ? ExitCode.ok : ExitCode.taskFailed };
}
