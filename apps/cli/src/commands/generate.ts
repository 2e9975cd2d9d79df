import { randomUUID } from 'node:crypto';
import { isWankitError, type TaskRef, type Warning } from '@wankit/core';
import { journalPathFor } from '../config/resolve-config.js';
import { type ExitCodeValue, exitCodeForError } from '../exit-codes.js';
import { inFlagWords } from '../output/flag-words.js';
import { errorJson, errorLine, stoppedByCtrlC } from '../output/report-error.js';
import { printTaskResult, taskJson } from '../output/task-report.js';
import type { CommandContext } from '../run-action.js';
import { connect, loadAdapter } from '../runtime/connect.js';
import { defaultModel } from '../runtime/default-models.js';
import { finishTask } from '../runtime/finish-task.js';
import { httpLogOption } from '../runtime/http-log.js';
import { openJournal } from '../runtime/journal.js';
import { prepareRequest } from '../runtime/prepare-request.js';
import {
  completeDraft,
  draftFromFlags,
  type MediaKind,
  type RequestFlags,
} from '../runtime/request-builder.js';
import { resumeHint } from '../runtime/resume-hint.js';
import { loadSettings, timeScaleOf } from '../runtime/session.js';
import { resolveHint } from '../runtime/uncertain-entry.js';

/** `wankit video <prompt>` and `wankit image <prompt>`: validate, submit, wait, download, report. */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options, interrupt } = context;
  const media: MediaKind = context.name === 'image' ? 'image' : 'video';
  const settings = await loadSettings(context);
  const callbackUrl = options.callbackUrl as string | undefined;

  // Everything is checked before a simulator starts or a request is sent.
  const adapter = await loadAdapter(settings.target);
  const prepared = await (async () => {
    const draft = await completeDraft(
      media,
      { ...draftFromFlags(media, options as RequestFlags, adapter.id), prompt: context.args[0] },
      (kind) => defaultModel(kind as never, adapter.capabilities.models),
      context.cwd,
    );
    return prepareRequest(draft, adapter, callbackUrl);
  })().catch((error: unknown) => {
    // Bad input is named by the flag the user typed.
    throw isWankitError(error) ? inFlagWords(error) : error;
  });
  const warnings: Warning[] = [...prepared.warnings];
  for (const warning of warnings) io.warn(formatWarningText(warning));
  if (options.dryRun === true) {
    const { dryRunSingle } = await import('../runtime/dry-run.js');
    return dryRunSingle(context, settings.target, prepared, warnings);
  }

  const journalPath =
    settings.target.mode === 'embedded' && settings.journal === undefined
      ? undefined
      : journalPathFor(settings, context.env);
  const journal = await openJournal(journalPath);
  const connection = await connect(settings.target, io, {
    adapter: settings.target.mode === 'remote' ? adapter : undefined,
    journal,
    timeScale: timeScaleOf(context),
    ...httpLogOption(context),
  });
  let ref: TaskRef | undefined;
  const key = randomUUID();
  try {
    const submitted = await connection.client.submit(prepared, {
      key,
      cancelBeforeSend: interrupt.signal,
      ...(callbackUrl ? { callbackUrl } : {}),
    });
    ref = submitted.ref;
    io.note(`submitted ${ref.taskId} (${connection.provider}, ${ref.model})`);
    interrupt.setResumeHint(resumeHint(connection, ref, journalPath, options));
    const finished = await finishTask(context, connection, ref, undefined, journalPath);
    const { snapshot, files, exitCode } = finished;
    printTaskResult(io, snapshot, files, finished.error !== undefined);
    if (io.json) {
      io.printJson(
        taskJson({
          ref,
          snapshot,
          files,
          warnings,
          embedded: connection.embedded,
          exitCode,
          ...(finished.error ? { error: errorJson(finished.error) } : {}),
        }),
      );
    }
    return exitCode;
  } catch (error) {
    if (!isWankitError(error)) throw error;
    const exitCode = exitCodeForError(error);
    // After Ctrl-C the user knows it was stopped: the resume hint alone says what to do next.
    const byCtrlC = stoppedByCtrlC(error, interrupt);
    if (!byCtrlC) io.err(`${io.colors.red('error:')} ${errorLine(error)} [${error.kind}]`);
    const taskRef = ref ?? error.taskRef;
    if (taskRef && (error.kind === 'aborted' || error.kind === 'timeout')) {
      io.note(resumeHint(connection, taskRef, journalPath, options));
    } else if (byCtrlC) {
      io.note('stopped before the task was created: nothing was sent');
    } else if (error.kind === 'submit_uncertain') {
      io.note(
        `the provider may or may not have created the task; it was not sent again. The journal ${journalPath ?? '(in memory)'} records it as uncertain` +
          (journalPath ? `; ${resolveHint(key, journalPath)}` : '.'),
      );
    } else if (error.kind === 'journal' && error.taskRef) {
      io.err(`  wait on it with: wankit wait '${JSON.stringify(error.taskRef)}'`);
    }
    if (io.json) {
      io.printJson(
        taskRef
          ? taskJson({
              ref: taskRef,
              warnings,
              embedded: connection.embedded,
              error: errorJson(error),
              exitCode,
            })
          : { ok: false, exitCode, error: errorJson(error), warnings },
      );
    }
    return exitCode;
  } finally {
    await connection.close();
  }
}

function formatWarningText(warning: Warning): string {
  if (warning.type === 'other') return warning.message;
  return `${warning.setting}: ${warning.type}${warning.details ? ` (${warning.details})` : ''}`;
}
