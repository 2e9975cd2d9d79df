import type { ExitCodeValue } from '../exit-codes.js';
import { printTaskResult, taskJson } from '../output/task-report.js';
import type { CommandContext } from '../run-action.js';
import { attach } from '../runtime/attach.js';
import { finishTask } from '../runtime/finish-task.js';
import { resumeHint } from '../runtime/resume-hint.js';

/** `wankit wait <task>`: wait with live progress, then download the results. */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, interrupt } = context;
  const { ref, connection, journalPath, key } = await attach(context);
  interrupt.setResumeHint(resumeHint(connection, ref, journalPath));
  try {
    const { snapshot, files, exitCode } = await finishTask(context, connection, ref, key);
    printTaskResult(io, snapshot, files);
    if (io.json) io.printJson(taskJson({ ref, snapshot, files, exitCode }));
    return exitCode;
  } finally {
    await connection.close();
  }
}
