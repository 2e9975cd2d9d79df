import type { ExitCodeValue } from '../exit-codes.js';
import { errorJson } from '../output/report-error.js';
import { printTaskResult, taskJson } from '../output/task-report.js';
import type { CommandContext } from '../run-action.js';
import { attach } from '../runtime/attach.js';
import { finishTask } from '../runtime/finish-task.js';
import { resumeHint } from '../runtime/resume-hint.js';

/** `wankit wait <task>`: wait with live progress, then download the results. */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, interrupt } = context;
  const { ref, connection, journalPath, key } = await attach(context);
  interrupt.setResumeHint(resumeHint(connection, ref, journalPath, context.options));
  try {
    const finished = await finishTask(context, connection, ref, key, journalPath);
    const { snapshot, files, exitCode } = finished;
    printTaskResult(io, snapshot, files, finished.error !== undefined);
    if (io.json) {
      io.printJson(
        taskJson({
          ref,
          snapshot,
          files,
          exitCode,
          ...(finished.error ? { error: errorJson(finished.error) } : {}),
        }),
      );
    }
    return exitCode;
  } finally {
    await connection.close();
  }
}
