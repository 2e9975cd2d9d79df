// Issue 12, "the suite that keeps it": the fault matrix. Every fault the simulator injects, on the create and
// on the status endpoint, for every adapter, through `createClient` (the public library) and a journal; then
// 30 % mixed faults over many tasks. Whatever the faults, money holds: no request creates two tasks, every task
// the provider created is known (a submitted ref, or an entry the journal calls uncertain), and a refusal
// never hides a created task. Only invariants are asserted: no outcome depends on how fast this machine is.
import { createDashScopeAdapter } from '@wankit/adapter-dashscope';
import { createGenerateTaskAdapter } from '@wankit/adapter-generate-task';
import { createNativeAdapter } from '@wankit/adapter-native';
import { createV2Adapter } from '@wankit/adapter-v2';
import {
  createClient,
  createMemoryJournal,
  type GenerationRequest,
  isWankitError,
  type MemoryJournal,
  summarizeJournal,
  type WanAdapter,
} from '@wankit/core';
import {
  FAULT_KINDS,
  type FaultKind,
  type Simulator,
  startSimulator,
  type WireFormat,
} from '@wankit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Subject {
  readonly format: WireFormat;
  adapter(baseUrl: string): WanAdapter;
  readonly request: GenerationRequest;
}

const subjects: readonly Subject[] = [
  {
    format: 'native',
    adapter: (baseUrl) => createNativeAdapter({ baseUrl }),
    request: { kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'a kite', resolution: '720p' },
  },
  {
    format: 'v2',
    adapter: (baseUrl) => createV2Adapter({ baseUrl }),
    request: { kind: 'text-to-video', model: 'wan2.2-t2v-plus', prompt: 'a kite', resolution: '480p' },
  },
  {
    format: 'generateTask',
    adapter: (baseUrl) => createGenerateTaskAdapter({ baseUrl }),
    request: { kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'a kite', resolution: '720p' },
  },
  {
    format: 'dashscope',
    adapter: (baseUrl) => createDashScopeAdapter({ baseUrl }),
    request: { kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'a kite', resolution: '720p' },
  },
];

let sim: Simulator;
beforeAll(async () => {
  // Tasks take tens of milliseconds (so every adapter reads a status at least once); a `slow` fault holds its
  // answer far longer than any client waits.
  sim = await startSimulator({ timeScale: 0.001, seed: 1212, faults: { slowMs: 600_000 } });
});
afterAll(async () => {
  await sim?.close();
});

function clientFor(subject: Subject, journal: MemoryJournal, requestMs: number) {
  return createClient({
    adapter: subject.adapter(sim.baseUrl),
    apiKey: 'sk-fault-matrix-0123456789',
    baseUrl: sim.baseUrl,
    journal,
    // Backoff and polls in milliseconds, on the real clock: no fake clock racing real sockets.
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    schedule: { timeScale: 0.0005 },
    timeouts: { requestMs },
    limits: { requestsPerMinute: Number.POSITIVE_INFINITY },
  });
}

interface Outcome {
  readonly submittedIds: string[];
  readonly uncertain: number;
  readonly refused: number;
  readonly tasksCreated: number;
  readonly createRequests: number;
  readonly states: string[];
}

/** Submits and waits for `count` tasks of one adapter; reports what the journal and the simulator say. */
async function run(subject: Subject, count: number, requestMs: number): Promise<Outcome> {
  const journal = createMemoryJournal();
  const client = clientFor(subject, journal, requestMs);
  const before = sim.stats().formats[subject.format];
  const tasksBefore = sim.tasks
    .list()
    .filter((t) => t.format === subject.format)
    .map((t) => t.id);
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      try {
        const { ref } = await client.submit(
          { ...subject.request, prompt: `${subject.request.prompt} ${i}` } as GenerationRequest,
          {
            key: `k${i}`,
          },
        );
        await client.wait(ref).catch((error: unknown) => {
          if (!isWankitError(error)) throw error;
        });
      } catch (error) {
        if (!isWankitError(error)) throw error;
      }
    }),
  );
  const after = sim.stats().formats[subject.format];
  const summaries = [...summarizeJournal(journal.records).values()];
  const created = sim.tasks
    .list()
    .filter((t) => t.format === subject.format && !tasksBefore.includes(t.id))
    .map((t) => t.id);
  const submittedIds = summaries.flatMap((s) => (s.ref ? [s.ref.taskId] : []));
  // Every submitted id is a task the simulator created, and each appears once.
  expect(new Set(submittedIds).size).toBe(submittedIds.length);
  for (const id of submittedIds) expect(created).toContain(id);
  return {
    submittedIds,
    uncertain: summaries.filter((s) => s.state === 'uncertain' || s.state === 'intended').length,
    refused: summaries.filter((s) => s.state === 'refused').length,
    tasksCreated: created.length,
    createRequests: after.requests.create - before.requests.create,
    states: summaries.map((s) => s.state),
  };
}

/** The money invariants of any run of `count` submits. */
function expectMoneyHolds(outcome: Outcome, count: number): void {
  // Every submit is accounted for exactly once.
  expect(outcome.submittedIds.length + outcome.uncertain + outcome.refused).toBe(count);
  // No task created twice, none lost: tasks = submitted + (uncertain ones that did create a task).
  expect(outcome.tasksCreated).toBeGreaterThanOrEqual(outcome.submittedIds.length);
  expect(outcome.tasksCreated).toBeLessThanOrEqual(outcome.submittedIds.length + outcome.uncertain);
}

const table: string[] = [];

describe('the fault matrix: every fault × create/status × adapter', () => {
  for (const endpoint of ['create', 'status'] as const) {
    for (const kind of FAULT_KINDS) {
      it(`${kind} on every ${endpoint}`, async () => {
        sim.setFaults({
          rates: { [kind]: 1 } as Partial<Record<FaultKind, number>>,
          endpoints: [endpoint],
          slowMs: 600_000,
        });
        try {
          const outcomes = await Promise.all(
            subjects.map((subject) => run(subject, 1, kind === 'slow' ? 1_500 : 30_000)),
          );
          for (const [index, outcome] of outcomes.entries()) {
            const format = subjects[index]!.format;
            table.push(
              `${endpoint} ${kind} ${format}: ${outcome.states.join(',')} creates=${outcome.createRequests} tasks=${outcome.tasksCreated}`,
            );
            expectMoneyHolds(outcome, 1);
            if (endpoint === 'create') {
              // A create the provider may have taken is never sent again; one it provably refused may be.
              if (outcome.uncertain > 0 || outcome.submittedIds.length > 0)
                expect(outcome.createRequests).toBe(1);
              expect(outcome.tasksCreated).toBe(
                kind === '500' || kind === '503' || kind === '502-html' ? 0 : 1,
              );
            } else {
              // Status faults never touch the create: exactly one request, one task, its id journaled, and
              // the status endpoint was read.
              expect(sim.stats().formats[format].requests.status).toBeGreaterThan(0);
              expect(outcome).toMatchObject({ createRequests: 1, tasksCreated: 1, uncertain: 0, refused: 0 });
              expect(outcome.submittedIds).toHaveLength(1);
            }
          }
        } finally {
          sim.setFaults({});
        }
      });
    }
  }

  it('30 % mixed faults on both endpoints over 12 tasks per adapter: every created task is known, none created twice', async () => {
    sim.setFaults({ rate: 0.3, endpoints: ['create', 'status'], slowMs: 600_000 });
    try {
      const outcomes = await Promise.all(subjects.map((subject) => run(subject, 12, 1_500)));
      for (const [index, outcome] of outcomes.entries()) {
        table.push(
          `mixed ${subjects[index]!.format}: submitted=${outcome.submittedIds.length} uncertain=${outcome.uncertain} refused=${outcome.refused} tasks=${outcome.tasksCreated} creates=${outcome.createRequests}`,
        );
        expectMoneyHolds(outcome, 12);
        // Creates sent = tasks + creates the provider provably refused (those alone may be repeated).
        expect(outcome.createRequests).toBeGreaterThanOrEqual(outcome.tasksCreated);
      }
    } finally {
      sim.setFaults({});
    }
  });

  it('prints the matrix', () => {
    console.log(`fault matrix:\n  ${table.join('\n  ')}`);
    expect(table.length).toBe(FAULT_KINDS.length * 2 * subjects.length + subjects.length);
  });
});
