import type { JournalRecord, JournalTaskSummary } from '@wankit/core';
import type { PostgresStore, StoredTask } from '@wankit/store-postgres';

/** What `wankit tasks` shows of one task, from a file journal or a Postgres store alike. */
export interface TaskListRow {
  readonly key: string;
  readonly batch?: string;
  /** Where the work stands: queued, intended, submitted, refused, uncertain, finished, downloaded. */
  readonly state: string;
  /** The provider's final status once known: succeeded, failed, canceled. */
  readonly status?: string;
  readonly prompt?: string;
  readonly provider?: string;
  readonly model?: string;
  readonly taskId?: string;
  readonly cost?: number;
  readonly currency?: string;
  /** The cost is wankit's estimate from the provider's published prices (the provider reported none). */
  readonly estimated?: boolean;
  readonly files: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly error?: string;
}

export interface TaskListFilter {
  /** States or statuses; a task matches when either is listed. */
  readonly status?: readonly string[];
  readonly batch?: string;
  readonly since?: Date;
  readonly until?: Date;
  readonly limit: number;
}

export interface CostListRow {
  /** A batch name, or a day (YYYY-MM-DD, UTC). */
  readonly group: string;
  readonly currency?: string;
  readonly cost: number;
  readonly tasks: number;
}

/** One listing interface over both ledgers: newest first, filtered, with costs per batch or per day. */
export interface TaskListing {
  /** Where the tasks come from, for messages. */
  readonly source: string;
  list(filter: TaskListFilter): Promise<TaskListRow[]>;
  costs(by: 'batch' | 'day', filter: Omit<TaskListFilter, 'limit' | 'status'>): Promise<CostListRow[]>;
}

const day = (iso: string) => iso.slice(0, 10);
const errorText = (error: Record<string, unknown> | undefined) =>
  error ? `[${String(error.kind ?? 'error')}] ${String(error.message ?? '')}`.trim() : undefined;

function fromSummary(summary: JournalTaskSummary, createdAt: string): TaskListRow {
  const request = summary.intent?.request as { prompt?: string } | undefined;
  const ref = summary.ref ?? summary.terminal?.ref;
  const usage = summary.terminal?.usage;
  const batch = summary.intent?.labels?.batch;
  const error =
    errorText(summary.error) ??
    (summary.terminal?.error ? errorText({ ...summary.terminal.error }) : undefined);
  return {
    key: summary.key,
    ...(batch ? { batch } : {}),
    state: summary.state,
    ...(summary.terminal ? { status: summary.terminal.status } : {}),
    ...(request?.prompt ? { prompt: request.prompt } : {}),
    ...(summary.intent?.adapter || ref?.adapter ? { provider: summary.intent?.adapter ?? ref?.adapter } : {}),
    ...(summary.intent?.model || ref?.model ? { model: summary.intent?.model ?? ref?.model } : {}),
    ...(ref ? { taskId: ref.taskId } : {}),
    ...(usage?.cost !== undefined ? { cost: usage.cost } : {}),
    ...(usage?.currency ? { currency: usage.currency } : {}),
    ...(usage?.cost !== undefined && usage.estimated ? { estimated: true } : {}),
    files: summary.downloads.map((d) => d.path),
    createdAt,
    updatedAt: summary.updatedAt,
    ...(error ? { error } : {}),
  };
}

function matches(row: TaskListRow, filter: Omit<TaskListFilter, 'limit'>): boolean {
  if (
    filter.status?.length &&
    !filter.status.includes(row.state) &&
    !filter.status.includes(row.status ?? '')
  )
    return false;
  if (filter.batch !== undefined && row.batch !== filter.batch) return false;
  const created = Date.parse(row.createdAt);
  if (filter.since && !(created >= filter.since.getTime())) return false;
  if (filter.until && !(created < filter.until.getTime())) return false;
  return true;
}

function sumCosts(rows: readonly TaskListRow[], groupOf: (row: TaskListRow) => string): CostListRow[] {
  const groups = new Map<string, { group: string; currency?: string; cost: number; tasks: number }>();
  for (const row of rows) {
    if (row.cost === undefined) continue;
    const group = groupOf(row);
    const id = `${group}\u0000${row.currency ?? ''}`;
    const entry = groups.get(id) ?? {
      group,
      ...(row.currency ? { currency: row.currency } : {}),
      cost: 0,
      tasks: 0,
    };
    entry.cost += row.cost;
    entry.tasks += 1;
    groups.set(id, entry);
  }
  return [...groups.values()]
    .map((entry) => ({ ...entry, cost: Math.round(entry.cost * 1e6) / 1e6 }))
    .sort((a, b) =>
      a.group === b.group ? (a.currency ?? '').localeCompare(b.currency ?? '') : a.group < b.group ? 1 : -1,
    );
}

/** The file journal's tasks, folded by core's summarizeJournal. */
export async function journalListing(records: readonly JournalRecord[], path: string): Promise<TaskListing> {
  const { summarizeJournal } = await import('@wankit/core');
  const firstSeen = new Map<string, string>();
  for (const record of records) if (!firstSeen.has(record.key)) firstSeen.set(record.key, record.at);
  const rows = [...summarizeJournal(records).values()]
    .map((summary) =>
      fromSummary(summary, summary.intent?.at ?? firstSeen.get(summary.key) ?? summary.updatedAt),
    )
    .sort((a, b) =>
      a.createdAt === b.createdAt ? a.key.localeCompare(b.key) : a.createdAt < b.createdAt ? 1 : -1,
    );
  return {
    source: `journal ${path}`,
    list: async (filter) => rows.filter((row) => matches(row, filter)).slice(0, filter.limit),
    costs: async (by, filter) =>
      sumCosts(
        rows.filter((row) => matches(row, filter)),
        (row) => (by === 'batch' ? (row.batch ?? '') : day(row.updatedAt)),
      ),
  };
}

function fromStored(task: StoredTask): TaskListRow {
  const error =
    errorText(task.error) ?? (task.snapshot?.error ? errorText({ ...task.snapshot.error }) : undefined);
  return {
    key: task.key,
    ...(task.batch ? { batch: task.batch } : {}),
    state: task.state,
    ...(task.status ? { status: task.status } : {}),
    ...(task.prompt ? { prompt: task.prompt } : {}),
    ...(task.adapter ? { provider: task.adapter } : {}),
    ...(task.model ? { model: task.model } : {}),
    ...(task.taskId ? { taskId: task.taskId } : {}),
    ...(task.cost !== undefined ? { cost: task.cost } : {}),
    ...(task.currency ? { currency: task.currency } : {}),
    files: task.files.map((file) => file.path),
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    ...(error ? { error } : {}),
  };
}

/** A Postgres store's tasks, filtered and ordered by the database. */
export function storeListing(store: PostgresStore, source: string): TaskListing {
  return {
    source,
    list: async (filter) =>
      (
        await store.listTasks({
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.batch !== undefined ? { batch: filter.batch } : {}),
          ...(filter.since ? { since: filter.since } : {}),
          ...(filter.until ? { until: filter.until } : {}),
          limit: filter.limit,
        })
      ).map(fromStored),
    costs: (by, filter) =>
      store.costs(by, {
        ...(filter.batch !== undefined ? { batch: filter.batch } : {}),
        ...(filter.since ? { since: filter.since } : {}),
        ...(filter.until ? { until: filter.until } : {}),
      }),
  };
}
