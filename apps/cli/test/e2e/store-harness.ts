import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database the store tests use: `$WANKIT_TEST_DATABASE_URL`, else the local `test` database. */
export const testDatabaseUrl =
  process.env.WANKIT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const reason = await probe();
/** True when the `--store` tests can run; otherwise one line says what did not run and why. */
export const postgresAvailable = reason === undefined;
if (reason !== undefined) {
  console.warn(
    `cli: the --store end-to-end tests did not run: no PostgreSQL at ${testDatabaseUrl.replace(/\/\/[^@]*@/, '//')} (${reason}); set WANKIT_TEST_DATABASE_URL`,
  );
}

/** A schema of its own per test, and a client to look into it; `drop` removes both schemas. */
export async function testSchema(): Promise<{
  schema: string;
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}> {
  const schema = `wankit_e2e_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  return {
    schema,
    async query<Row>(text: string, values?: unknown[]) {
      return (await client.query(text.replaceAll('$schema', `"${schema}"`), values)).rows as Row[];
    },
    async drop() {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${schema}_queue" CASCADE`);
      await client.end();
    },
  };
}
