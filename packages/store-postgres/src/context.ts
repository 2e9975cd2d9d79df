import type { Database } from './database.js';
import type { Notifications } from './notifications.js';

/** What the parts of one store share: its pool, schema, notifications and this process's identity. */
export interface StoreContext {
  readonly database: Database;
  /** The schema as a quoted identifier, ready for SQL text. */
  readonly schema: string;
  readonly schemaName: string;
  readonly notifications: Notifications;
  /** This process's holder id in claims and the workers table. */
  readonly processId: string;
  /** How long a claim survives without a heartbeat, ms. */
  readonly leaseMs: number;
  /** Starts renewing this process's leases (idempotent). */
  keepAlive(): void;
}
