import { WankitError } from '../errors/wankit-error.js';
import type { TaskRef } from '../spec/task.js';

const reasonOf = (error: unknown): string => {
  const code = (error as { code?: unknown })?.code;
  const message = (error as Error)?.message ?? String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
};

/** The intent could not be recorded: the create was not sent (a create must never go out unjournaled). */
export function intentNotJournaled(key: string, error: unknown): WankitError {
  if (WankitError.isInstance(error) && error.kind === 'journal') return error;
  return new WankitError({
    kind: 'journal',
    message: `the journal could not record the intent of ${key} (${reasonOf(error)}); nothing was sent`,
    field: 'journal',
    requestSent: false,
    cause: error,
  });
}

/**
 * The task exists (and may be billed) but its id could not be recorded: the one record that keeps a
 * re-run from paying twice. The error carries the ref and names the task id, so the caller can keep it.
 */
export function submittedNotJournaled(key: string, ref: TaskRef, error: unknown): WankitError {
  return new WankitError({
    kind: 'journal',
    message:
      `task ${ref.taskId} was created (${ref.adapter}, ${ref.model}) but the journal could not record it ` +
      `(${reasonOf(error)}): keep its id ${ref.taskId}; the journal still shows ${key} as sent with an unknown outcome`,
    field: 'journal',
    taskRef: ref,
    requestSent: true,
    cause: error,
  });
}
