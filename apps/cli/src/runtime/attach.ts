import type { TaskJournal, TaskRef } from '@wankit/core';
import { isProviderId, providerIds } from '../config/provider-ids.js';
import { journalPathFor } from '../config/resolve-config.js';
import type { CommandContext } from '../run-action.js';
import { type Connection, connect } from './connect.js';
import { httpLogOption } from './http-log.js';
import { openJournal } from './journal.js';
import { refTarget } from './ref-target.js';
import { loadSettings, timeScaleOf } from './session.js';
import { journalOf, storeUrlOf } from './store.js';
import { lookupTask } from './task-lookup.js';

export interface Attached {
  readonly ref: TaskRef;
  readonly connection: Connection;
  readonly journalPath: string;
  readonly journal: TaskJournal;
  /** The journal key: the one recorded for this task, or `<adapter>:<taskId>` for a ref given directly. */
  readonly key: string;
}

/**
 * Finds the task named by the first argument and connects to where it lives: its own adapter, and
 * its recorded base URL unless --base-url says otherwise; the key comes from the usual settings.
 */
export async function attach(context: CommandContext): Promise<Attached> {
  const first = await loadSettings(context);
  const journalPath = journalPathFor(first, context.env);
  const { ref, key } = await lookupTask(
    context.args[0] ?? '',
    journalPath,
    context.cwd,
    context.journalFileSystem,
    storeUrlOf(context) ? await journalOf(context, journalPath) : undefined,
  );
  if (!isProviderId(ref.adapter)) {
    const { WankitError } = await import('@wankit/core');
    throw new WankitError({
      kind: 'unsupported',
      message: `task ${ref.taskId} belongs to adapter "${ref.adapter}", which this CLI does not have`,
      field: 'task.adapter',
      value: ref.adapter,
      allowed: providerIds,
    });
  }
  // The key goes only where it is configured for, unless --base-url says otherwise.
  const { settings, explicit } = await refTarget(context, { ...ref, adapter: ref.adapter });
  const journal = await openJournal(journalPath, context.journalFileSystem);
  const connection = await connect(settings.target, context.io, {
    journal,
    timeScale: timeScaleOf(context),
    acceptRefsFromOtherBaseUrls: explicit,
    ...httpLogOption(context),
  });
  return { ref, connection, journalPath, journal, key: key ?? `${ref.adapter}:${ref.taskId}` };
}
