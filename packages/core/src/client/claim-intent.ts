import { WankitError } from '../errors/wankit-error.js';
import type { ClaimOutcome, IntentRecord, TaskJournal } from '../journal/journal-record.js';
import { isTerminal, type TaskRef, type TaskSnapshot } from '../spec/task.js';
import type { SubmitResult } from './client-options.js';

export type ClaimToSend = Exclude<ClaimOutcome, { status: 'uncertain' }>;

/**
 * Records the intent before a create. A journal with `claim` (a store shared by several processes) decides
 * whether this process may send at all; any other journal simply appends the intent. Throws
 * `submit_uncertain` when an earlier create under the same key has an unknown outcome: it is never re-sent.
 */
export async function claimIntent(
  journal: TaskJournal | undefined,
  intent: IntentRecord,
  signal: AbortSignal | undefined,
): Promise<ClaimToSend> {
  if (!journal) return { status: 'claimed' };
  if (!journal.claim) {
    await journal.append(intent);
    return { status: 'claimed' };
  }
  const outcome = await journal.claim(intent, signal ? { signal } : {});
  if (outcome.status !== 'uncertain') return outcome;
  throw new WankitError({
    kind: 'submit_uncertain',
    message:
      `An earlier create under key ${intent.key} may or may not have created a task (the process that sent it ` +
      'stopped before its outcome was recorded); it is not sent again. Check with the provider.',
    fingerprint: intent.fingerprint,
    requestSent: 'unknown',
  });
}

/**
 * The result of a submit whose create another process already made under the same key: its ref (and a
 * terminal snapshot when one is known), nothing sent. `hold` lets the client remember the key for the task
 * unless it is already finished.
 */
export function adoptSubmitted(
  claim: { ref: TaskRef; snapshot?: TaskSnapshot },
  result: Omit<SubmitResult, 'ref' | 'snapshot'>,
  hold: (ref: TaskRef, finished: boolean) => void,
): SubmitResult {
  const snapshot = claim.snapshot ? { ...claim.snapshot, ref: claim.ref } : undefined;
  hold(claim.ref, snapshot !== undefined && isTerminal(snapshot.status));
  return { ref: claim.ref, ...(snapshot ? { snapshot } : {}), ...result };
}
