import type { TaskRef, TaskSnapshot } from '@wankit/core';
import type { StoreContext } from './context.js';

/** Where a task stands in the store: the journal's states, plus `queued` (waiting for a worker). */
export type StoredTaskState =
  | 'queued'
  | 'intended'
  | 'submitted'
  | 'refused'
  | 'uncertain'
  | 'finished'
  | 'downloaded';

export interface StoredFile {
  taskId: string;
  path: string;
  bytes: number;
  sha256: string;
  url: string;
  at: string;
}

export interface StoredTask {
  key: string;
  batch?: string;
  account?: string;
  state: StoredTaskState;
  /** The task's status at the provider once known (`succeeded`, `failed`, ...). */
  status?: string;
  prompt?: string;
  adapter?: string;
  model?: string;
  kind?: string;
  taskId?: string;
  ref?: TaskRef;
  snapshot?: TaskSnapshot;
  error?: Record<string, unknown>;
  cost?: number;
  currency?: string;
  files: StoredFile[];
  attempts: number;
  createdAt: string;
  submittedAt?: string;
  finishedAt?: string;
  updatedAt: string;
}

export interface TaskQuery {
  /** Journal states (`uncertain`, `downloaded`, ...) or provider statuses (`succeeded`, `failed`, ...). */
  status?: readonly string[];
  batch?: string;
  /** Created at or after. */
  since?: Date;
  /** Created before. */
  until?: Date;
  /** Not finished yet: queued, intended, submitted. */
  unfinished?: boolean;
  /** Newest first; default 100. */
  limit?: number;
}

export interface CostRow {
  /** The batch name, or the day (`YYYY-MM-DD`, UTC). */
  group: string;
  currency?: string;
  cost: number;
  /** Tasks with a cost reported. */
  tasks: number;
}

interface TaskRow {
  key: string;
  batch: string | null;
  account: string | null;
  state: StoredTaskState;
  status: string | null;
  prompt: string | null;
  adapter: string | null;
  model: string | null;
  kind: string | null;
  task_id: string | null;
  ref: TaskRef | null;
  snapshot: TaskSnapshot | null;
  error: Record<string, unknown> | null;
  cost: string | null;
  currency: string | null;
  files: StoredFile[];
  attempts: number;
  created_at: Date;
  submitted_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

const journalStates = new Set([
  'queued',
  'intended',
  'submitted',
  'refused',
  'uncertain',
  'finished',
  'downloaded',
]);

function toTask(row: TaskRow): StoredTask {
  const optional = <K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> =>
    value === null ? {} : ({ [key]: value } as Record<K, V>);
  return {
    key: row.key,
    ...optional('batch', row.batch),
    ...optional('account', row.account),
    state: row.state,
    ...optional('status', row.status),
    ...optional('prompt', row.prompt),
    ...optional('adapter', row.adapter),
    ...optional('model', row.model),
    ...optional('kind', row.kind),
    ...optional('taskId', row.task_id),
    ...optional('ref', row.ref),
    ...optional('snapshot', row.snapshot),
    ...optional('error', row.error),
    ...optional('cost', row.cost === null ? null : Number(row.cost)),
    ...optional('currency', row.currency),
    files: row.files,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
    ...optional('submittedAt', row.submitted_at?.toISOString() ?? null),
    ...optional('finishedAt', row.finished_at?.toISOString() ?? null),
    updatedAt: row.updated_at.toISOString(),
  };
}

const columns = `key, batch, account, state, status, prompt, adapter, model, kind, task_id, ref, snapshot, error,
  cost, currency, files, attempts, created_at, submitted_at, finished_at, updated_at`;

/** Tasks by state or status, batch and creation time, newest first. */
export async function listTasks(context: StoreContext, query: TaskQuery = {}): Promise<StoredTask[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    values.push(value);
    where.push(clause(`$${values.length}`));
  };
  if (query.status?.length) {
    const states = query.status.filter((s) => journalStates.has(s));
    const statuses = query.status.filter((s) => !journalStates.has(s));
    values.push(states, statuses);
    where.push(`(state = ANY($${values.length - 1}) OR status = ANY($${values.length}))`);
  }
  if (query.unfinished) where.push(`state IN ('queued', 'intended', 'submitted')`);
  if (query.batch !== undefined) add((n) => `batch = ${n}`, query.batch);
  if (query.since) add((n) => `created_at >= ${n}`, query.since);
  if (query.until) add((n) => `created_at < ${n}`, query.until);
  values.push(query.limit ?? 100);
  const { rows } = await context.database.query<TaskRow>(
    `SELECT ${columns} FROM ${context.schema}.tasks ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY created_at DESC, key LIMIT $${values.length}`,
    values,
  );
  return rows.map(toTask);
}

/** One task by key or provider task id. */
export async function findTask(context: StoreContext, keyOrTaskId: string): Promise<StoredTask | undefined> {
  const { rows } = await context.database.query<TaskRow>(
    `SELECT ${columns} FROM ${context.schema}.tasks WHERE key = $1 OR task_id = $1
     ORDER BY (key = $1) DESC, created_at DESC LIMIT 1`,
    [keyOrTaskId],
  );
  return rows[0] ? toTask(rows[0]) : undefined;
}

/** Reported cost per batch or per day (of completion, UTC), per currency. */
export async function costs(
  context: StoreContext,
  by: 'batch' | 'day',
  query: Pick<TaskQuery, 'since' | 'until' | 'batch'> = {},
): Promise<CostRow[]> {
  const group =
    by === 'batch' ? `COALESCE(batch, '')` : `to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  const where = ['cost IS NOT NULL'];
  const values: unknown[] = [];
  if (query.batch !== undefined) {
    values.push(query.batch);
    where.push(`batch = $${values.length}`);
  }
  if (query.since) {
    values.push(query.since);
    where.push(`finished_at >= $${values.length}`);
  }
  if (query.until) {
    values.push(query.until);
    where.push(`finished_at < $${values.length}`);
  }
  const { rows } = await context.database.query<{
    grp: string;
    currency: string | null;
    cost: string;
    tasks: string;
  }>(
    `SELECT ${group} AS grp, currency, sum(cost) AS cost, count(*) AS tasks FROM ${context.schema}.tasks
     WHERE ${where.join(' AND ')} GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
    values,
  );
  return rows.map((row) => ({
    group: row.grp,
    ...(row.currency ? { currency: row.currency } : {}),
    cost: Math.round(Number(row.cost) * 1e6) / 1e6,
    tasks: Number(row.tasks),
  }));
}

/** How many tasks are in each state. */
export async function countByState(context: StoreContext, batch?: string): Promise<Record<string, number>> {
  const { rows } = await context.database.query<{ state: string; n: string }>(
    `SELECT state, count(*) AS n FROM ${context.schema}.tasks ${batch !== undefined ? 'WHERE batch = $1' : ''}
     GROUP BY state`,
    batch !== undefined ? [batch] : [],
  );
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
}
