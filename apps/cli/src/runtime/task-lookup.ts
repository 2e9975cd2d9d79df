import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type TaskJournal, type TaskRef, WankitError } from '@wankit/core';
import { parseBoundedJson } from './bounded-json.js';
import type { JournalFileSystem } from './journal.js';

const invalidTask = (value: string, message: string) =>
  new WankitError({
    kind: 'invalid_request',
    message: `task ${value.length > 80 ? `${value.slice(0, 77)}...` : value} ${message}`,
    field: 'task',
    value: value.length > 200 ? `${value.slice(0, 197)}...` : value,
    allowed: ['a task id from the journal', 'a serialised task ref (JSON, or @file)'],
  });

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

async function parseRef(text: string, origin: string): Promise<TaskRef> {
  const { taskRefSchema } = await import('@wankit/core');
  const bounded = parseBoundedJson(text);
  if (!bounded.ok) {
    throw invalidTask(
      origin,
      `is ${bounded.reason}; pass a task id from the journal or a serialised task ref`,
    );
  }
  const json = bounded.value;
  // Accept a bare ref, or any document carrying one under `ref` (e.g. the `--json` output of `video`).
  const candidate =
    typeof json === 'object' && json !== null && 'ref' in json ? (json as { ref: unknown }).ref : json;
  const parsed = taskRefSchema.safeParse(candidate);
  if (!parsed.success) {
    // Named in words, not in the schema's: which part of the ref is missing or wrong.
    const issue = parsed.error.issues[0];
    const part = issue?.path.map(String).join('.') ?? '';
    const value = part === '' ? candidate : valueAt(candidate, issue?.path ?? []);
    const what =
      part === ''
        ? 'is not a task ref (a JSON object with spec, adapter, taskId, model, …)'
        : value === undefined
          ? `is not a task ref: it has no ${part}`
          : `is not a task ref: its ${part} is not valid`;
    throw invalidTask(origin, `${what}; pass a task id from the journal, or the ref printed by \`--json\``);
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
  cwd: string = process.cwd(),
  fileSystem?: JournalFileSystem,
  shared?: TaskJournal,
): Promise<{ ref: TaskRef; key?: string }> {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new WankitError({
      kind: 'invalid_request',
      message:
        'the task argument is empty; pass a task id from the journal, or a serialised task ref (JSON, or @file)',
      field: 'task',
      value,
      allowed: ['a task id from the journal', 'a serialised task ref (JSON, or @file)'],
    });
  }
  if (trimmed.startsWith('{')) return { ref: await parseRef(trimmed, 'argument') };
  if (trimmed.startsWith('@')) {
    const path = resolve(cwd, trimmed.slice(1));
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw invalidTask(value, `: cannot read ${path}`);
    }
    return { ref: await parseRef(text, path) };
  }
  // Looking a task up plans nothing: every readable record counts, even in a damaged journal. A shared store
  // is read as it is.
  const records = shared
    ? await shared.read()
    : await (async () => {
        const { createFileJournal } = await import('@wankit/core/node');
        return (await createFileJournal(journalPath, fileSystem ? { fileSystem } : {}).scan()).records;
      })();
  for (let i = records.length - 1; i >= 0; i -= 1) {
    const record = records[i]!;
    if (record.type === 'submitted' && (record.ref.taskId === trimmed || record.key === trimmed)) {
      return { ref: record.ref, key: record.key };
    }
  }
  throw invalidTask(
    value,
    `was not found in the journal ${journalPath}; pass --journal PATH, or the task's serialised ref (JSON or @file)`,
  );
}
