import type { Clock } from '../clock/clock.js';
import { WankitError } from '../errors/wankit-error.js';
import type { GenerationRequest } from '../spec/request.js';
import { isTerminal, type TaskRef, type TaskSnapshot } from '../spec/task.js';
import type {
  DownloadedFile,
  DownloadOptions,
  GenerateOptions,
  GenerateResult,
  SubmitOptions,
  SubmitResult,
  WaitOptions,
} from './client-options.js';
import { startDeadline, submitCutByDeadline } from './deadline.js';
import { errorOf } from './error-of.js';

/** The steps `generate` strings together: a client's own, or a router's (which picks the provider). */
export interface GenerateSteps {
  readonly clock: Clock;
  /** The client's default overall deadline. */
  readonly deadlineMs: number | undefined;
  submit(request: GenerationRequest, options: SubmitOptions): Promise<SubmitResult>;
  /** `initial`: the snapshot the create answered with, when it carried one. */
  wait(ref: TaskRef, options: WaitOptions, initial?: TaskSnapshot): Promise<TaskSnapshot>;
  download(snapshot: TaskSnapshot, options: DownloadOptions): Promise<DownloadedFile[]>;
}

/** validate → submit → wait → optional download, under one deadline. */
export async function runGenerate(
  steps: GenerateSteps,
  request: GenerationRequest,
  generateOptions: GenerateOptions = {},
): Promise<GenerateResult> {
  const { clock } = steps;
  const { signal } = generateOptions;
  // The deadline covers the whole call: time spent waiting for a task slot or a 429 counts too.
  const startedAt = clock.now();
  const deadlineMs = generateOptions.deadlineMs ?? steps.deadlineMs;
  // The deadline ends everything in flight: waits, and the create on the wire too. A create cut after it
  // was sent is judged (journaled uncertain, reported as submit_uncertain), never left uncertain silently.
  const deadline = startDeadline(clock, deadlineMs);
  let submitted: SubmitResult;
  try {
    submitted = await steps.submit(request, {
      signal: (signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal) as AbortSignal,
      ...(generateOptions.key ? { key: generateOptions.key } : {}),
      ...(generateOptions.callback ? { callback: generateOptions.callback } : {}),
    });
  } catch (thrown) {
    const error = errorOf(thrown);
    if (
      deadline.signal.aborted &&
      !signal?.aborted &&
      (error.kind === 'aborted' || error.kind === 'submit_uncertain')
    ) {
      throw submitCutByDeadline(error, deadlineMs);
    }
    throw error;
  } finally {
    deadline.stop();
  }
  // A create answered with a final state was journaled by submit already: no wait, no second record.
  const answered =
    submitted.snapshot && isTerminal(submitted.snapshot.status) ? submitted.snapshot : undefined;
  const snapshot =
    answered ??
    (await steps.wait(
      submitted.ref,
      {
        ...(signal ? { signal } : {}),
        ...(deadlineMs !== undefined
          ? { deadlineMs: Math.max(0, deadlineMs - (clock.now() - startedAt)) }
          : {}),
        ...(generateOptions.onProgress ? { onProgress: generateOptions.onProgress } : {}),
        ...(generateOptions.callback ? { callback: generateOptions.callback } : {}),
        key: submitted.key,
      },
      submitted.snapshot,
    ));
  if (answered) generateOptions.onProgress?.(answered);
  if (snapshot.status !== 'succeeded') {
    const failure = snapshot.error;
    throw new WankitError({
      kind: failure?.kind ?? 'provider_error',
      message: `Task ${snapshot.ref.taskId} ${snapshot.status}: ${failure?.message ?? 'no reason given'}`,
      ...(failure?.code ? { providerCode: failure.code } : {}),
      taskRef: snapshot.ref,
    });
  }
  const result: GenerateResult = { ref: submitted.ref, snapshot, warnings: submitted.warnings };
  if (generateOptions.download) {
    result.files = await steps.download(snapshot, {
      dir: generateOptions.download.dir,
      ...(generateOptions.download.overwrite !== undefined
        ? { overwrite: generateOptions.download.overwrite }
        : {}),
      ...(signal ? { signal } : {}),
    });
  }
  return result;
}
