import { resolve } from 'node:path';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { CommandContext } from '../run-action.js';
import { loadSettings } from '../runtime/session.js';
import { displayUrl, openStore, requireStoreUrl } from '../runtime/store.js';
import { startPool } from '../runtime/store-pool.js';

/**
 * `wankit worker --store postgres://…`: works on any queued line of the store's pool until Ctrl-C or
 * SIGTERM; then finishes the steps in hand (a create already sent runs to its answer) and exits 0. A worker
 * killed outright loses nothing: its jobs run again on another worker.
 */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options, interrupt } = context;
  const url = requireStoreUrl(context);
  const store = await openStore(context, url);
  try {
    await store.migrate();
    const settings = await loadSettings(context);
    const out = options.download === false ? undefined : resolve(context.cwd, String(options.out ?? '.'));
    const pool = await startPool(context, store, settings, out);
    io.note(
      `worker ${pool.worker.id} (pid ${process.pid}) on ${displayUrl(url)} schema ${store.schema}: ` +
        `${Number(options.concurrency ?? 4)} at once, account "${pool.account}"` +
        (out ? `, results to ${out}` : ', no downloads'),
    );
    await new Promise<void>((done) => {
      if (interrupt.signal.aborted) return done();
      interrupt.signal.addEventListener('abort', () => done(), { once: true });
    });
    await pool.stop();
    io.note(
      `worker ${pool.worker.id} stopped after ${pool.worker.steps} step(s) and ${store.roundTrips} database round trip(s)`,
    );
    if (io.json) {
      io.printJson({
        ok: true,
        exitCode: 0,
        worker: pool.worker.id,
        steps: pool.worker.steps,
        roundTrips: store.roundTrips,
      });
    }
    return ExitCode.ok;
  } finally {
    await store.close();
  }
}
