import { resolve } from 'node:path';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { type DownloadedFile, printTaskResult, taskJson } from '../output/task-report.js';
import type { CommandContext } from '../run-action.js';
import { attach } from '../runtime/attach.js';
import { downloadOutputs } from '../runtime/download-outputs.js';
import { followTask } from '../runtime/follow-task.js';
import { resumeHint } from '../runtime/resume-hint.js';

/** `wankit wait <task>`: wait with live progress, then download the results. */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options, interrupt } = context;
  const { ref, connection, journalPath, key } = await attach(context);
  interrupt.setResumeHint(resumeHint(connection, ref, journalPath));
  try {
    const { expectedDurationSeconds, getModel } = await import('@wankit/core');
    const snapshot = await followTask(connection, ref, io, {
      key,
      signal: interrupt.signal,
      ...(options.timeout !== undefined ? { timeoutMs: options.timeout as number } : {}),
      typicalSeconds: expectedDurationSeconds(getModel(ref.model), ref.resolution),
    });
    let files: DownloadedFile[] | undefined;
    if (snapshot.status === 'succeeded' && options.download !== false) {
      files = await downloadOutputs(connection, snapshot, resolve(context.cwd, String(options.out ?? '.')), {
        signal: interrupt.signal,
        key,
      });
    }
    const exitCode = snapshot.status === 'succeeded' ? ExitCode.ok : ExitCode.taskFailed;
    printTaskResult(io, snapshot, files);
    if (io.json) io.printJson(taskJson({ ref, snapshot, files, exitCode }));
    return exitCode;
  } finally {
    await connection.close();
  }
}
