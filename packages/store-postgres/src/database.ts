import pg from 'pg';

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number | null;
}

/** The store's connection pool, with every round trip to the server counted (benchmarks read the count). */
export interface Database {
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (query: Database['query']) => Promise<T>): Promise<T>;
  /** A dedicated connection for LISTEN (its notifications are not round trips). */
  connectListener(): Promise<pg.Client>;
  /** Queries sent so far by this process through this store. */
  readonly roundTrips: number;
  end(): Promise<void>;
}

export interface DatabaseOptions {
  connectionString: string;
  /** Connections in the pool. Default 10. */
  max?: number;
  /** Shown in pg_stat_activity: which process a connection belongs to. */
  applicationName?: string;
}

export function createDatabase(options: DatabaseOptions): Database {
  // allowExitOnIdle: a command that is done exits without closing the store; a server has other handles.
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    allowExitOnIdle: true,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  let roundTrips = 0;
  const database: Database = {
    async query<Row>(text: string, values?: readonly unknown[]) {
      roundTrips += 1;
      const result = await pool.query(text, values as unknown[] | undefined);
      return { rows: result.rows as Row[], rowCount: result.rowCount };
    },
    async transaction(work) {
      const client = await pool.connect();
      const query: Database['query'] = async <Row>(text: string, values?: readonly unknown[]) => {
        roundTrips += 1;
        const result = await client.query(text, values as unknown[] | undefined);
        return { rows: result.rows as Row[], rowCount: result.rowCount };
      };
      try {
        await query('BEGIN');
        const value = await work(query);
        await query('COMMIT');
        return value;
      } catch (error) {
        await query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async connectListener() {
      const client = new pg.Client({
        connectionString: options.connectionString,
        ...(options.applicationName ? { application_name: options.applicationName } : {}),
      });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
    get roundTrips() {
      return roundTrips;
    },
    end: () => pool.end(),
  };
  return database;
}

/** A schema name as a quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
