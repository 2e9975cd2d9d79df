import { readFile } from 'node:fs/promises';
import { type TaskRef, WankitError } from '@wankit/core';
import { openJournal } from './journal.js';

const invalidTask = (value: string, message: string) =>
  new WankitError({ kind: 'invalid_request', message: `task ${value}: ${message}`, field: 'task', value });

async function parseRef(text: string, origin: string): Promise<TaskRef> {
  const { taskRefSchema } = await import('@wankit/core');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidTask(origin, 'is not valid JSON; pass a task id from the journal or a serialised task ref');
  }
  // Accept a bare ref, or any document carrying one under `ref` (e.g. the `--json` output of `video`).
  const candidate =
    typeof json === 'object' && json !== null && 'ref' in json ? (json as { ref: unknown }).ref : json;
  const parsed = taskRefSchema.safeParse(candidate);
  if (!parsed.success) {
    throw invalidTask(
      origin,
      `is not a task ref (${parsed.error.issues[0]?.path.join('.') || 'root'}: ${parsed.error.issues[0]?.message})`,
    );
  }
  return parsed.data;
}

/**
 * A task named on the command line: a serialised ref (`{...}` JSON or `@file`), or a task id (or journal
 * key) looked up in the journal's `submitted` records.
 */
export async function lookupTask(
  value: string,
  journalPath: string,
): Promise<{ ref: TaskRef; key?: string }> {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) return { ref: await parseRef(trimmed, 'argument') };
  if (trimmed.startsWith('@')) {
    const path = trimmed.slice(1);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw invalidTask(value, `cannot read ${path}`);
    }
    return { ref: await parseRef(text, path) };
  }
  const journal = await openJournal(journalPath);
  const records = await journal.read();
  for (let i = records.length - 1; i >= 0; i -= 1) {
    const record = records[i]!;
    if (record.type === 'submitted' && (record.ref.taskId === trimmed || record.key === trimmed)) {
      return { ref: record.ref, key: record.key };
    }
  }
  throw invalidTask(
    value,
    `not found in the journal ${journalPath}; pass --journal PATH, or the task's serialised ref (JSON or @file)`,
  );
}
