import type { TaskRef, TaskSnapshot } from '@wankit/core';
import { progressText } from '../output/format.js';
import type { Io } from '../output/io.js';
import { createProgress } from '../output/progress.js';
import type { Connection } from './connect.js';

export interface FollowOptions {
  /** Journal key of the task, when it was not submitted by this client. */
  readonly key?: string;
  readonly signal?: AbortSignal;
  /** Overall wait limit in ms; the task keeps running past it. */
  readonly timeoutMs?: number;
  /** Typical generation time `[low, high]` in seconds at the provider's documented speed. */
  readonly typicalSeconds?: readonly [number, number];
}

/** Waits for a task with a live status line on stderr (state, elapsed, expected remaining). */
export async function followTask(
  connection: Connection,
  ref: TaskRef,
  io: Io,
  options: FollowOptions = {},
): Promise<TaskSnapshot> {
  // Nothing has been heard from the server yet (`wankit wait`): one status read first, so that a simulator's
  // time scale is known before the first poll is planned. Its failure is the wait's to report.
  if (!connection.timeScaleKnown) await connection.client.status(ref).catch(() => undefined);
  const progress = await createProgress(io);
  const started = Date.parse(ref.submittedAt);
  const startMs = Number.isNaN(started) ? Date.now() : started;
  // Read at each line: the time scale may be learned from the server's answers while waiting.
  const typical = () =>
    options.typicalSeconds?.map((s) => s * connection.timeScale) as [number, number] | undefined;
  const show = (snapshot: Pick<TaskSnapshot, 'status' | 'progress'>) =>
    progress.update(
      `${ref.taskId}: ${progressText(snapshot, (Date.now() - startMs) / 1000, typical())}`,
      snapshot.status,
    );
  let last: Pick<TaskSnapshot, 'status' | 'progress'> = { status: 'queued' };
  show(last);
  // Between polls the elapsed time still moves on a spinner.
  const ticker = io.interactive ? setInterval(() => show(last), 1000) : undefined;
  try {
    return await connection.client.wait(ref, {
      ...(options.key ? { key: options.key } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs !== undefined ? { deadlineMs: options.timeoutMs } : {}),
      onProgress: (snapshot: TaskSnapshot) => {
        last = snapshot;
        show(snapshot);
      },
    });
  } finally {
    if (ticker) clearInterval(ticker);
    progress.stop();
  }
}
