import { type SharedRequestBudget, systemClock } from '@wankit/core';
import type { StoreContext } from './context.js';

export interface SharedBudgetOptions {
  /** The provider account (every process using the same account shares one budget). */
  account: string;
  /** The account's requests-per-minute limit; `Infinity` or absent for none (429 pauses are still shared). */
  requestsPerMinute?: number;
}

export interface PostgresBudget extends SharedRequestBudget {
  readonly account: string;
  /** Takes one token and says how long to wait before using it (ms); `takeRequest` is this plus the wait. */
  reserve(): Promise<number>;
}

/**
 * The account's request budget in Postgres, for `createClient({ sharedBudget })`. The same GCRA as core's
 * local budget (a burst of one second's worth), but its one number of state lives in a row, advanced on the
 * database clock in one round trip per request: N processes together stay inside the limit. The sustained
 * rate is 3 % under the limit (core's in-process budget keeps 1 %): a slot is granted by the database but
 * used by a process that may be descheduled for a moment on a busy host, and a request sent late shares its
 * 60-second window with the slots granted after it. 3 % absorbs about 1.8 s of such lateness per minute
 * (seen: four workers on a loaded 2-core machine drew four 429s at 1 %).
 */
export function createPostgresBudget(context: StoreContext, options: SharedBudgetOptions): PostgresBudget {
  const { database, schema } = context;
  const rpm = options.requestsPerMinute ?? Number.POSITIVE_INFINITY;
  const limited = Number.isFinite(rpm) && rpm > 0;
  const burst = limited ? Math.max(1, Math.floor(rpm / 60)) : 0;
  const sustainedPerMinute = limited ? Math.max(rpm - burst, 1) * 0.97 : 0;
  const intervalMs = limited ? 60_000 / sustainedPerMinute : 0;
  const toleranceMs = limited ? (burst - 1) * intervalMs : 0;
  let pausedUntil = 0;

  const reserve = async () => {
    if (!limited) return Math.max(0, pausedUntil - Date.now());
    const { rows } = await database.query<{ wait: number }>(
      `SELECT ${schema}.take_request($1, $2, $3) AS wait`,
      [options.account, intervalMs, toleranceMs],
    );
    return rows[0]?.wait ?? 0;
  };

  return {
    account: options.account,
    reserve,
    async takeRequest(signal) {
      // Without a rate, only a 429 pause seen by this process holds requests back.
      const wait = await reserve();
      if (wait > 0) await systemClock.sleep(wait, signal);
    },
    pause(ms) {
      if (!(ms > 0)) return;
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
      if (!limited) return;
      database.query(`SELECT ${schema}.pause_account($1, $2)`, [options.account, ms]).catch(() => undefined);
    },
  };
}
