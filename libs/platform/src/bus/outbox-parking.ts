import { InvalidArgumentError } from '@nats-io/nats-core';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Bus } from './bus-connection';

/** Publish attempts (while JetStream itself answers) after which a row is parked; default of OutboxRelayOptions. */
export const DEFAULT_MAX_PUBLISH_ATTEMPTS = 20;

export interface FailedRow {
  id: string;
  subject: string;
  payload: Buffer;
  attempts: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Why the row can never be published, or undefined when a retry may succeed. Permanent: the server refuses its
 * size. Over `maxAttempts`: only while JetStream answers other requests, so a NATS outage parks nothing.
 */
export async function parkReason(
  bus: Bus,
  row: FailedRow,
  error: unknown,
  maxAttempts: number,
): Promise<string | undefined> {
  if (error instanceof InvalidArgumentError && /max_payload/.test(error.message)) {
    return `event of ${row.payload.byteLength} bytes (before headers) exceeds the NATS server's max_payload of ${
      bus.nc.info?.max_payload ?? 'unknown'
    } bytes`;
  }
  if (row.attempts < maxAttempts || !bus.isConnected()) return undefined;
  const jetStreamAnswers = await bus.jsm.getAccountInfo().then(
    () => true,
    () => false,
  );
  return jetStreamAnswers ? `gave up after ${row.attempts} attempts; last error: ${errorText(error)}` : undefined;
}

/** Counts a failed attempt on the row and keeps its error. */
export async function recordFailedAttempt(client: Client, id: string, error: unknown): Promise<number> {
  const { rows } = await client.query<{ attempts: number }>(
    `UPDATE outbox_events SET attempts = attempts + 1, last_error = left($2, 2000) WHERE id = $1 RETURNING attempts`,
    [id, errorText(error)],
  );
  return rows[0]?.attempts ?? 0;
}

/** Takes the row out of the relay's queue for good, with the reason (an operator may unpark it). */
export async function parkRow(client: Client, id: string, reason: string): Promise<void> {
  await client.query(`UPDATE outbox_events SET parked_at = now(), park_reason = left($2, 2000) WHERE id = $1`, [
    id,
    reason,
  ]);
}

/** Puts parked rows back in the relay's queue (after the cause was fixed, e.g. max_payload raised); returns how many. */
export async function unparkOutboxEvents(dataSource: DataSource, ids: string[]): Promise<number> {
  const result: [unknown[], number] = await dataSource.query(
    `UPDATE outbox_events SET parked_at = NULL, park_reason = NULL, attempts = 0
      WHERE parked_at IS NOT NULL AND id = ANY($1::uuid[])`,
    [ids],
  );
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}
