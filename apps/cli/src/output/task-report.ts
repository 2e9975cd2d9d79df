import type { TaskRef, TaskSnapshot, Warning } from '@wankit/core';
import { formatCost } from './format.js';
import type { Io } from './io.js';

export interface DownloadedFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly url: string;
}

/** The `--json` document of a single-task command. */
export function taskJson(input: {
  ref: TaskRef;
  snapshot?: TaskSnapshot;
  files?: readonly DownloadedFile[];
  warnings?: readonly Warning[];
  embedded?: boolean;
  error?: Record<string, unknown>;
  exitCode: number;
}): Record<string, unknown> {
  const { snapshot } = input;
  return {
    ok: input.exitCode === 0,
    exitCode: input.exitCode,
    ref: input.ref,
    ...(snapshot
      ? {
          status: snapshot.status,
          providerStatus: snapshot.providerStatus,
          progress: snapshot.progress,
          outputs: snapshot.outputs,
          usage: snapshot.usage,
          cost: snapshot.usage?.cost,
          failure: snapshot.error,
          timings: snapshot.timings,
        }
      : {}),
    files: input.files ?? [],
    warnings: input.warnings ?? [],
    ...(input.embedded ? { simulator: true } : {}),
    ...(input.error ? { error: input.error } : {}),
  };
}

/** Human output: result paths (or URLs) on stdout, cost and failure details on stderr. */
export function printTaskResult(
  io: Io,
  snapshot: TaskSnapshot,
  files: readonly DownloadedFile[] | undefined,
  notSaved = false,
): void {
  if (snapshot.status === 'succeeded') {
    if (files && files.length > 0) for (const file of files) io.out(file.path);
    else for (const output of snapshot.outputs) io.out(output.url);
    // The error and how to fetch the results later were printed already: no "done".
    if (notSaved) return;
    const cost = formatCost(snapshot);
    io.err(
      `${io.colors.green('done')}: ${snapshot.ref.taskId} ${snapshot.status}${cost ? `, cost ${cost}` : ', cost not reported'}`,
    );
    return;
  }
  const failure = snapshot.error;
  io.err(
    `${io.colors.red('task failed')}: ${snapshot.ref.taskId} ${snapshot.status}` +
      (failure ? ` [${failure.kind}${failure.code ? ` ${failure.code}` : ''}] ${failure.message}` : ''),
  );
}
