import type { DashScopeModel } from '../../models/dashscope-models.js';
import type { DashScopeModelLimits, ResolvedDashScopeOptions } from './options.js';

const SECOND = 1000;

/** [MS-UPLOAD]: getPolicy is limited to 100 QPS per account and model, not raisable. */
export const POLICY_REQUESTS_PER_SECOND = 100;

/** Where a new task of a capped model sits: the slot it takes and the instant that slot is free. */
export interface SlotReservation {
  readonly index: number;
  readonly freeAt: number;
}

/**
 * DashScope's per-model limits ([MS-RL]): task submissions per second, answered beyond
 * the limit with 429 `Throttling.RateQuota`, and a cap on tasks RUNNING at once. The rate-limit page counts
 * "tasks in the running state" against the cap and Model Studio's own notes say tasks beyond it queue
 * ("任务会排队"; skills wiki in [MS]); so a task over the cap is accepted and stays PENDING until a slot
 * frees, rather than being refused (INFERRED from those two sentences; no refusal body was found).
 * Windows and slots use the simulator clock; the one-second window is not scaled by `timeScale`.
 */
export class DashScopeLimits {
  private readonly windows = new Map<string, number[]>();
  /** Per model, the instant each slot is next free. */
  private readonly slots = new Map<string, number[]>();

  constructor(private readonly options: ResolvedDashScopeOptions) {}

  /** The documented limits when `limits.documented` is on, overridden by `dashscope.modelLimits`. */
  limitsOf(model: DashScopeModel): DashScopeModelLimits {
    const documented = this.options.documentedLimits ? model.limits : undefined;
    return { ...documented, ...this.options.modelLimits[model.id] };
  }

  /** Records a request under `key` when admitted; otherwise the milliseconds until the window has room. */
  admit(key: string, perSecond: number | undefined, now: number): number | undefined {
    if (perSecond === undefined) return undefined;
    const window = this.windows.get(key) ?? [];
    this.windows.set(key, window);
    while (window.length > 0 && window[0]! <= now - SECOND) window.shift();
    if (window.length >= perSecond) return window[0]! + SECOND - now;
    window.push(now);
    return undefined;
  }

  /** The earliest-free slot of a capped model (undefined when the model has no cap). */
  reserve(model: DashScopeModel): SlotReservation | undefined {
    const cap = this.limitsOf(model).concurrentTasks;
    if (cap === undefined) return undefined;
    const slots = resize(this.slots.get(model.id), cap);
    this.slots.set(model.id, slots);
    let index = 0;
    for (let i = 1; i < slots.length; i++) if (slots[i]! < slots[index]!) index = i;
    return { index, freeAt: slots[index]! };
  }

  /** The task that took the slot ends at `endAt`. */
  occupy(model: DashScopeModel, reservation: SlotReservation, endAt: number): void {
    const slots = this.slots.get(model.id);
    if (slots) slots[reservation.index] = endAt;
  }

  /** A canceled task gives its slot back, unless another task was queued behind it since. */
  release(model: DashScopeModel, reservation: SlotReservation, endAt: number, now: number): void {
    const slots = this.slots.get(model.id);
    if (slots && slots[reservation.index] === endAt)
      slots[reservation.index] = Math.max(reservation.freeAt, now);
  }

  reset(): void {
    this.windows.clear();
    this.slots.clear();
  }
}

function resize(slots: number[] | undefined, cap: number): number[] {
  if (slots?.length === cap) return slots;
  const out = (slots ?? []).slice(0, cap);
  while (out.length < cap) out.push(0);
  return out;
}
