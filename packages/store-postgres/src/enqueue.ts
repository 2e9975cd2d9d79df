import type { GenerationRequest } from '@wankit/core';
import { scrubRecord } from '@wankit/core/store';
import type PgBoss from 'pg-boss';
import type { StoreContext } from './context.js';
import type { Queue, TaskJobData } from './queue.js';

export interface EnqueueItem {
  request: GenerationRequest;
  /** The idempotency key: the same key is one task, however often and from wherever it is enqueued. */
  key: string;
  batch?: string;
}

export interface EnqueueResult {
  /** Keys new to the store, queued now. */
  enqueued: string[];
  /** Keys the provider refused last time, queued again (nothing was created for them). */
  requeued: string[];
  /** Keys already known (queued, running, finished or uncertain): nothing was queued for them. */
  existing: string[];
}

// A scrubbed copy of the request for listings: inline images as hashes, secrets redacted.
function scrubbedRequest(request: GenerationRequest): GenerationRequest {
  const record = scrubRecord({
    type: 'intent',
    key: '',
    at: '',
    fingerprint: '',
    adapter: '',
    model: request.model,
    kind: request.kind,
    request,
  });
  return (record as { request: GenerationRequest }).request;
}

const chunkSize = 200;

/**
 * Queues requests for the worker pool, idempotently: in one transaction per chunk, the task rows are inserted
 * under their keys (a key already present inserts nothing) and a job is queued only for the rows inserted now,
 * or for lines the provider refused last time. Two machines enqueueing the same file at once queue every
 * line once: the unique key decides, and the job id is derived from (key, step).
 */
export async function enqueueMany(
  context: StoreContext,
  queue: Queue,
  items: readonly EnqueueItem[],
): Promise<EnqueueResult> {
  const result: EnqueueResult = { enqueued: [], requeued: [], existing: [] };
  for (let start = 0; start < items.length; start += chunkSize) {
    const chunk = items.slice(start, start + chunkSize);
    const rows = chunk.map((item) => ({
      key: item.key,
      batch: item.batch ?? null,
      payload: item.request,
      prompt: 'prompt' in item.request ? (item.request.prompt ?? null) : null,
      model: item.request.model,
      kind: item.request.kind,
      request: scrubbedRequest(item.request),
    }));
    await context.database.transaction(async (query) => {
      const db: PgBoss.Db = {
        executeSql: (text, values) => query(text, values) as Promise<{ rows: unknown[] }>,
      };
      const inserted = await query<{ key: string }>(
        `INSERT INTO ${context.schema}.tasks (key, batch, state, payload, prompt, model, kind, request)
         SELECT key, batch, 'queued', payload, prompt, model, kind, request
         FROM jsonb_to_recordset($1::jsonb) AS x(key text, batch text, payload jsonb, prompt text, model text,
           kind text, request jsonb)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [JSON.stringify(rows)],
      );
      const fresh = new Set(inserted.rows.map((row) => row.key));
      const others = rows.filter((row) => !fresh.has(row.key));
      // Refused means nothing was created: such a line may be sent again, in a new step.
      const again = others.length
        ? (
            await query<{ key: string; step: number }>(
              `UPDATE ${context.schema}.tasks t SET state = 'queued', step = t.step + 1, payload = COALESCE(t.payload, x.payload),
                 updated_at = now()
               FROM jsonb_to_recordset($1::jsonb) AS x(key text, payload jsonb)
               WHERE t.key = x.key AND t.state = 'refused' RETURNING t.key, t.step`,
              [JSON.stringify(others.map((row) => ({ key: row.key, payload: row.payload })))],
            )
          ).rows
        : [];
      const requeued = new Set(again.map((row) => row.key));
      const jobs: TaskJobData[] = [
        ...[...fresh].map((key) => ({ key, step: 0, phase: 'submit' as const })),
        ...again.map((row) => ({ key: row.key, step: row.step, phase: 'submit' as const })),
      ];
      await queue.insert(jobs, db);
      result.enqueued.push(...fresh);
      result.requeued.push(...requeued);
      result.existing.push(...others.filter((row) => !requeued.has(row.key)).map((row) => row.key));
    });
  }
  return result;
}
