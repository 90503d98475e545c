import { createHash } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';
import type { Logger } from '../logging';

// Advisory locks of jobs live in their own key space (first int4 of the two-key form), apart from any other lock.
const JOB_LOCK_SPACE = 0x6a6f6273; // 'jobs'

/** The second int4 key of a job's advisory lock: stable across replicas and releases. */
export function jobLockKey(service: string, job: string): number {
  return createHash('sha256').update(`${service}:${job}`).digest().readInt32BE(0);
}

/**
 * One dedicated PostgreSQL session holding the runner's job locks (`pg_try_advisory_lock`). A replica that takes a
 * job's lock keeps it until it stops, so only its ticks run that job; PostgreSQL frees the lock when the session ends
 * (stop, crash, network loss) and the next replica's tick takes the job over.
 */
export class JobLocks {
  private client: Client | null = null;
  private readonly held = new Set<number>();

  constructor(
    private readonly config: ClientConfig,
    private readonly logger: Logger,
  ) {}

  /** True when this runner holds (or now takes) the job's lock; false when another replica holds it. */
  async acquire(key: number): Promise<boolean> {
    const client = await this.session();
    if (this.held.has(key)) return true;
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [
      JOB_LOCK_SPACE,
      key,
    ]);
    if (rows[0]?.locked) this.held.add(key);
    return this.held.has(key);
  }

  /** Ends the session, which frees every lock it holds. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }

  private async session(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client(this.config);
    client.on('error', (err) => {
      // The session is gone and its locks with it: the next tick reconnects and competes again.
      this.logger.warn({ err }, 'job lock connection lost');
      if (this.client === client) {
        this.client = null;
        this.held.clear();
      }
      void client.end().catch(() => undefined);
    });
    await client.connect();
    this.client = client;
    return client;
  }
}
