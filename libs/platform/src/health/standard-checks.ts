import type { ReadinessCheck } from './readiness';

/** What a database check needs of a TypeORM DataSource (or a pg pool). */
export interface Queryable {
  query(sql: string): Promise<unknown>;
  readonly isInitialized?: boolean;
}

/** Ready while the database answers `SELECT 1`. */
export function databaseCheck(dataSource: Queryable, name = 'database'): ReadinessCheck {
  return {
    name,
    async check() {
      if (dataSource.isInitialized === false) throw new Error('database connection is not open');
      await dataSource.query('SELECT 1');
    },
  };
}

/** Degraded (still ready: the outbox keeps the events until NATS is back) while the NATS connection is down. */
export function natsCheck(isConnected: () => boolean, name = 'nats'): ReadinessCheck {
  return {
    name,
    degradesOnly: true,
    async check() {
      if (!isConnected()) throw new Error('not connected to NATS');
    },
  };
}

/** Degraded (still ready: requests need no consumer, and stopped ones resume where they were) while not running. */
export function consumersCheck(areRunning: () => boolean, name = 'consumers'): ReadinessCheck {
  return {
    name,
    degradesOnly: true,
    async check() {
      if (!areRunning()) throw new Error('event consumers are not running');
    },
  };
}
