import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { CommandContext } from '../run-action.js';
import { displayUrl, openStore, requireStoreUrl } from '../runtime/store.js';

/** `wankit store migrate --store postgres://…`: applies the store's SQL migrations (safe to repeat). */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io } = context;
  if (context.args[0] !== 'migrate') {
    const { WankitError } = await import('@wankit/core');
    throw new WankitError({
      kind: 'unsupported',
      message: `wankit store: unknown action "${context.args[0] ?? ''}"; the action is: migrate`,
      field: 'action',
      value: context.args[0],
      allowed: ['migrate'],
    });
  }
  const url = requireStoreUrl(context);
  const store = await openStore(context, url);
  try {
    const applied = await store.migrate();
    // The queue's own tables (pg-boss) are created on first start; do it now so workers start ready.
    await store.queue();
    if (io.json) io.printJson({ ok: true, exitCode: 0, schema: store.schema, applied });
    else
      io.out(
        applied.length
          ? `applied migration(s) ${applied.join(', ')} to schema ${store.schema} at ${displayUrl(url)}`
          : `schema ${store.schema} at ${displayUrl(url)} is up to date`,
      );
    return ExitCode.ok;
  } finally {
    await store.close();
  }
}
