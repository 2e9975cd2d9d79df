import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from '../store.js';

/** The database the store tests use: `$WANKIT_TEST_DATABASE_URL`, else the local `test` database. */
export const testDatabaseUrl =
  process.env.WANKIT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether Postgres answers at `testDatabaseUrl`, and if not, why (printed once by each test file). */
export async function probePostgres(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, reason };
  } finally {
    await client.end().catch(() => undefined);
  }
}

const probe = await probePostgres();
/** True when the store tests can run; otherwise one line says which tests did not run and why. */
export const postgresAvailable = probe.ok;
if (!probe.ok) {
  console.warn(
    `store-postgres: tests needing PostgreSQL did not run: no database at ${testDatabaseUrl.replace(/\/\/[^@]*@/, '//')} (${probe.reason}); set WANKIT_TEST_DATABASE_URL`,
  );
}

/** A fresh schema name per test run, dropped (with its pg-boss schema) by `dropSchema`. */
export const freshSchema = () => `wankit_test_${randomBytes(5).toString('hex')}`;

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_queue" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A migrated store in a fresh schema; `dispose` closes it and drops the schema. */
export async function testStore(
  options: Partial<PostgresStoreOptions> = {},
): Promise<{ store: PostgresStore; schema: string; open(): PostgresStore; dispose(): Promise<void> }> {
  const schema = options.schema ?? freshSchema();
  const opened: PostgresStore[] = [];
  const open = () => {
    const store = createPostgresStore({ connectionString: testDatabaseUrl, schema, ...options });
    opened.push(store);
    return store;
  };
  const store = open();
  await store.migrate();
  return {
    store,
    schema,
    open,
    async dispose() {
      for (const each of opened) await each.close().catch(() => undefined);
      await dropSchema(schema);
    },
  };
}
