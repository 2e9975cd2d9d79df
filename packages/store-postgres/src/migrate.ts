import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';
import { quoteIdentifier } from './database.js';

/**
 * The SQL migrations shipped in the package (`migrations/NNN_name.sql`), applied in order: next to `src/` or
 * `dist/`, or, when this code is bundled into another program (the CLI), in the installed package.
 */
function migrationsDirectory(): string {
  const beside = fileURLToPath(new URL('../migrations/', import.meta.url));
  if (existsSync(beside)) return beside;
  const manifest = createRequire(import.meta.url).resolve('@wankit/store-postgres/package.json');
  return join(dirname(manifest), 'migrations/');
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export async function loadMigrations(): Promise<Migration[]> {
  const migrationsDir = migrationsDirectory();
  const files = (await readdir(migrationsDir)).filter((f) => /^\d+_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, file.indexOf('_'))),
      name: file.replace(/\.sql$/, ''),
      sql: await readFile(`${migrationsDir}${file}`, 'utf8'),
    })),
  );
}

/** The NOTIFY channel of a schema's store. */
export const channelOf = (schema: string) => `${schema}_events`;

/**
 * Applies every migration not yet applied to `schema`, each in its own transaction, under an advisory lock
 * so that N workers starting at once migrate once. Returns the versions applied now.
 */
export async function migrate(database: Database, schema: string): Promise<number[]> {
  const quoted = quoteIdentifier(schema);
  const migrations = await loadMigrations();
  return database.transaction(async (query) => {
    await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`wankit migrate ${schema}`]);
    await query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    // pg-boss's own schema too: its install runs CREATE SCHEMA unguarded, and N workers start at once.
    await query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(`${schema}_queue`)}`);
    await query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await query<{ version: number }>(`SELECT version FROM ${quoted}.migrations`);
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      const sql = migration.sql
        .replaceAll('__SCHEMA__', quoted)
        .replaceAll('__CHANNEL__', channelOf(schema).replace(/'/g, "''"));
      await query(sql);
      await query(`INSERT INTO ${quoted}.migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}
