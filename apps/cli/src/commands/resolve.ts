import { resolve as resolvePath } from 'node:path';
import { type JournalTaskSummary, type TaskRef, WankitError } from '@wankit/core';
import { isProviderId } from '../config/provider-ids.js';
import { journalPathFor } from '../config/resolve-config.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { CommandContext } from '../run-action.js';
import { providers } from '../runtime/providers.js';
import { openRunJournal } from '../runtime/run-journal.js';
import { loadSettings } from '../runtime/session.js';
import { describeUncertain } from '../runtime/uncertain-entry.js';

const unresolved = new Set(['uncertain', 'intended']);

function findEntry(
  entries: readonly JournalTaskSummary[],
  wanted: string,
  journalPath: string,
): JournalTaskSummary {
  const exact = entries.find((entry) => entry.key === wanted);
  if (exact) return exact;
  const matches = entries.filter((entry) => wanted.length >= 6 && entry.key.startsWith(wanted));
  if (matches.length === 1) return matches[0] as JournalTaskSummary;
  const open = entries.filter((entry) => unresolved.has(entry.state)).map((entry) => entry.key);
  throw new WankitError({
    kind: 'invalid_request',
    message:
      matches.length > 1
        ? `key ${wanted} matches ${matches.length} entries of ${journalPath}; give more of it`
        : `no entry ${wanted} in ${journalPath}` +
          (open.length > 0
            ? `; entries with an unknown outcome: ${open.join(', ')}`
            : '; it has no entry with an unknown outcome'),
    field: 'key',
    value: wanted,
    allowed: open,
  });
}

/** The ref of a task the user found with the provider, built from what the intent recorded. */
async function refFor(entry: JournalTaskSummary, taskId: string): Promise<TaskRef> {
  const intent = entry.intent;
  if (!intent || !isProviderId(intent.adapter)) {
    throw new WankitError({
      kind: 'unsupported',
      message: `${entry.key}: its intent names no adapter this CLI has (${intent?.adapter ?? 'none'}); it cannot be re-attached`,
      field: 'key',
      value: entry.key,
    });
  }
  const { createTaskRef, getModel } = await import('@wankit/core');
  const adapter = await providers[intent.adapter].load(intent.baseUrl ? { baseUrl: intent.baseUrl } : {});
  const ref = createTaskRef({
    adapter: adapter.id,
    taskId,
    request: intent.request,
    model: getModel(intent.model),
    providerModel: adapter.providerModelId(intent.model),
    now: new Date(intent.at),
  });
  return intent.baseUrl ? { ...ref, baseUrl: intent.baseUrl } : ref;
}

/**
 * `wankit resolve <key> --task-id <id> | --drop`: settles one journal entry whose submit outcome is unknown.
 * With the task id the provider shows for it, the entry becomes submitted (batch and resume re-attach to it);
 * with --drop it becomes refused (nothing was created, so batch may send it again).
 */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options } = context;
  const taskId = typeof options.taskId === 'string' ? options.taskId.trim() : undefined;
  const drop = options.drop === true;
  if ((taskId === undefined) === !drop || taskId === '') {
    throw new WankitError({
      kind: 'invalid_request',
      message:
        'say what the provider has for this entry: --task-id <id> (it created a task) or --drop (it did not)',
      field: 'task-id',
      allowed: ['--task-id <id>', '--drop'],
    });
  }
  const settings = await loadSettings(context);
  const journalPath =
    typeof options.journal === 'string'
      ? resolvePath(context.cwd, options.journal)
      : journalPathFor(settings, context.env);
  const journalRun = await openRunJournal(context, journalPath);
  try {
    const { summarizeJournal } = await import('@wankit/core');
    const entries = [...summarizeJournal(journalRun.records).values()];
    const entry = findEntry(entries, context.args[0] ?? '', journalPath);
    if (!unresolved.has(entry.state)) {
      throw new WankitError({
        kind: 'invalid_request',
        message: `${entry.key} is ${entry.state}${entry.ref ? ` (task ${entry.ref.taskId})` : ''}, not an entry with an unknown outcome; nothing to resolve`,
        field: 'key',
        value: entry.key,
        allowed: ['an entry shown as uncertain'],
      });
    }
    const at = new Date().toISOString();
    if (taskId !== undefined) {
      const ref = await refFor(entry, taskId);
      await journalRun.journal.append({ type: 'submitted', key: entry.key, at, ref });
      io.note(
        `${entry.key}: recorded task ${taskId}; batch and resume will re-attach to it (${describeUncertain(entry)})`,
      );
      if (io.json) io.printJson({ ok: true, exitCode: 0, key: entry.key, resolution: 'submitted', ref });
      else io.out(`${entry.key}\tsubmitted\t${taskId}`);
    } else {
      await journalRun.journal.append({
        type: 'refused',
        key: entry.key,
        at,
        error: {
          kind: 'submit_uncertain',
          message: 'settled by the user (wankit resolve --drop): the provider created no task for it',
          resolvedBy: 'user',
        },
      });
      io.note(
        `${entry.key}: recorded that no task was created; a batch re-run sends it again (${describeUncertain(entry)})`,
      );
      if (io.json) io.printJson({ ok: true, exitCode: 0, key: entry.key, resolution: 'dropped' });
      else io.out(`${entry.key}\tdropped`);
    }
    return ExitCode.ok;
  } finally {
    await journalRun.close();
  }
}
