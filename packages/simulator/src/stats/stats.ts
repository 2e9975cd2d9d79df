import { TASK_STATUSES, type TaskStatus } from '../lifecycle/task.js';
import {
  FAULT_ENDPOINTS,
  FAULT_KINDS,
  type FaultEndpoint,
  type FaultKind,
  WIRE_FORMATS,
  type WireFormat,
} from '../options.js';

export interface FormatStats {
  /** Requests that reached each endpoint, whatever the answer. */
  requests: Record<FaultEndpoint, number>;
  /** Tasks created (a create that answered 2xx, or whose answer a post-processing fault spoiled). */
  creates: number;
  /** Status reads answered with a task. */
  statusReads: number;
  /** 400s from validation (including malformed JSON). */
  invalid: number;
  /** 401s. */
  unauthorized: number;
  /** Unknown task or model. */
  notFound: number;
  /** 429s served, rate and concurrency together. */
  rateLimited: number;
  faults: number;
  tasks: Record<TaskStatus, number>;
}

export interface SimulatorStats {
  seed: number;
  /** The simulator clock, epoch ms. */
  now: number;
  /** Every request to a provider endpoint. */
  requests: number;
  formats: Record<WireFormat, FormatStats>;
  /** Native creates by body form: `wrapped` = `input:[{params:{...}}]`, `flat` = the doc pages' top-level form. */
  nativeBodyForms: { wrapped: number; flat: number };
  rateLimited: number;
  faults: { total: number; byKind: Record<FaultKind, number> };
  callbacks: {
    /** Deliveries planned (one per callback task). */
    scheduled: number;
    /** POST attempts made, first tries and retries. */
    sent: number;
    /** Answered 200. */
    delivered: number;
    retried: number;
    /** Gave up after the last retry. */
    failed: number;
  };
  tasks: { total: number; byState: Record<TaskStatus, number> };
  files: {
    requests: number;
    /** 200 answers. */
    served: number;
    /** 206 answers. */
    partial: number;
    expired: number;
    notFound: number;
    bytesSent: number;
  };
}

type Counters = Omit<SimulatorStats, 'seed' | 'now' | 'tasks' | 'formats'> & {
  formats: Record<WireFormat, Omit<FormatStats, 'tasks'>>;
};

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function emptyCounters(): Counters {
  const formats = {} as Counters['formats'];
  for (const format of WIRE_FORMATS) {
    formats[format] = {
      requests: zeroes(FAULT_ENDPOINTS),
      creates: 0,
      statusReads: 0,
      invalid: 0,
      unauthorized: 0,
      notFound: 0,
      rateLimited: 0,
      faults: 0,
    };
  }
  return {
    requests: 0,
    formats,
    nativeBodyForms: { wrapped: 0, flat: 0 },
    rateLimited: 0,
    faults: { total: 0, byKind: zeroes(FAULT_KINDS) },
    callbacks: { scheduled: 0, sent: 0, delivered: 0, retried: 0, failed: 0 },
    files: { requests: 0, served: 0, partial: 0, expired: 0, notFound: 0, bytesSent: 0 },
  };
}

/** The mutable counters behind `GET /__sim/stats`. */
export class StatsRecorder {
  counters: Counters = emptyCounters();

  format(format: WireFormat): Counters['formats'][WireFormat] {
    return this.counters.formats[format];
  }

  rateLimited(format: WireFormat): void {
    this.counters.rateLimited++;
    this.counters.formats[format].rateLimited++;
  }

  fault(format: WireFormat, kind: FaultKind): void {
    this.counters.faults.total++;
    this.counters.faults.byKind[kind]++;
    this.counters.formats[format].faults++;
  }

  reset(): void {
    this.counters = emptyCounters();
  }

  snapshot(seed: number, now: number, tasks: Record<WireFormat, Record<TaskStatus, number>>): SimulatorStats {
    const copy = structuredClone(this.counters);
    const byState = zeroes(TASK_STATUSES);
    const formats = {} as Record<WireFormat, FormatStats>;
    for (const format of WIRE_FORMATS) {
      formats[format] = { ...copy.formats[format], tasks: tasks[format] };
      for (const state of TASK_STATUSES) byState[state] += tasks[format][state];
    }
    const total = Object.values(byState).reduce((sum, n) => sum + n, 0);
    return { seed, now, ...copy, formats, tasks: { total, byState } };
  }
}
