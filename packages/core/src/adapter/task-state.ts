import { estimateCost } from '../catalog/prices.js';
import type { TaskState } from '../spec/adapter.js';
import type { TaskRef, TaskSnapshot } from '../spec/task.js';
import type { Warning } from '../spec/warning.js';

/** The warning a terminal success without any output URL carries (it is still a success). */
export const noOutputsWarning: Warning = {
  type: 'other',
  message: 'the provider reports success but sent no output URL; nothing to download',
};

/**
 * Applies the neutral rules every adapter shares to a state read off the wire: progress 1 on success;
 * a success without outputs stays a success, with a warning.
 */
export function settleState(state: TaskState): TaskState {
  if (state.status !== 'succeeded') return state;
  const warnings =
    state.outputs.length === 0 && !state.warnings?.includes(noOutputsWarning)
      ? [...(state.warnings ?? []), noOutputsWarning]
      : state.warnings;
  return {
    ...state,
    progress: 1,
    ...(warnings && warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * A finished task's cost from the provider's price list when the provider reported none, marked
 * `estimated` (seconds: what the provider reports, else what was asked; images: the outputs delivered).
 */
function withEstimatedCost(ref: TaskRef, state: TaskState, priceList: string | undefined): TaskState {
  if (state.status !== 'succeeded' || state.usage?.cost !== undefined || priceList === undefined)
    return state;
  const estimate = estimateCost(priceList, {
    model: ref.model,
    ...(ref.resolution ? { resolution: ref.resolution } : {}),
    ...(ref.kind === 'text-to-image'
      ? { images: state.usage?.outputCount ?? state.outputs.length }
      : { seconds: state.usage?.videoSeconds ?? ref.durationSeconds }),
  } as Parameters<typeof estimateCost>[1]);
  if (!estimate) return state;
  return {
    ...state,
    usage: { ...state.usage, cost: estimate.amount, currency: estimate.currency, estimated: true },
  };
}

/**
 * A snapshot: the state read off the wire, stamped with its task and the moment it was observed (and, for
 * an adapter with a price list, an estimated cost when the provider reported none).
 */
export function snapshotOf(
  ref: TaskRef,
  state: TaskState,
  now: Date,
  options: { priceList?: string } = {},
): TaskSnapshot {
  const settled = withEstimatedCost(ref, settleState(state), options.priceList);
  const { timings, warnings, taskId: _taskId, ...rest } = settled;
  return {
    ref,
    ...rest,
    ...(warnings && warnings.length > 0 ? { warnings } : {}),
    timings: { ...timings, observedAt: now.toISOString() },
  };
}
