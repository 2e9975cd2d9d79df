import { resolve } from 'node:path';
import type { TaskRef, TaskSnapshot } from '@wankit/core';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { DownloadedFile } from '../output/task-report.js';
import type { CommandContext } from '../run-action.js';
import type { Connection } from './connect.js';
import { downloadOutputs } from './download-outputs.js';
import { followTask } from './follow-task.js';

export interface FinishedTask {
  readonly snapshot: TaskSnapshot;
  readonly files: DownloadedFile[] | undefined;
  readonly exitCode: ExitCodeValue;
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
    files = await downloadOutputs(connection, snapshot, resolve(context.cwd, String(options.out ?? '.')), {
      signal: interrupt.signal,
      ...(key ? { key } : {}),
    });
  }
  return { snapshot, files, exitCode: snapshot.status === 'succeeded' ? ExitCode.ok : ExitCode.taskFailed };
}
