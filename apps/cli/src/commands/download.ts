import { resolve } from 'node:path';
import { WankitError } from '@wankit/core';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { printTaskResult, taskJson } from '../output/task-report.js';
import type { CommandContext } from '../run-action.js';
import { attach } from '../runtime/attach.js';
import { downloadOutputs } from '../runtime/download-outputs.js';

/** `wankit download <task>`: read the status once and download the results of a finished task. */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options, interrupt } = context;
  const { ref, connection, key } = await attach(context);
  try {
    const snapshot = await connection.client.status(ref);
    if (snapshot.status !== 'succeeded') {
      throw new WankitError({
        kind: 'invalid_request',
        message: `task ${ref.taskId} is ${snapshot.status}, not succeeded: nothing to download${
          snapshot.status === 'queued' || snapshot.status === 'running'
            ? ` yet (try: wankit wait ${ref.taskId})`
            : ''
        }`,
        field: 'task',
        value: ref.taskId,
        taskRef: ref,
      });
    }
    const files = await downloadOutputs(
      connection,
      snapshot,
      resolve(context.cwd, String(options.out ?? '.')),
      {
        signal: interrupt.signal,
        overwrite: options.overwrite === true,
        key,
      },
    );
    printTaskResult(io, snapshot, files);
    if (io.json) io.printJson(taskJson({ ref, snapshot, files, exitCode: ExitCode.ok }));
    return ExitCode.ok;
  } finally {
    await connection.close();
  }
}
