import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import type { Bus } from './bus-connection';

export interface StreamDeclaration {
  /** Upper-case service name, e.g. `CUSTOMER`. */
  name: string;
  /** e.g. `['crm.customer.>']`. */
  subjects: string[];
  /** Window in which a repeated `Nats-Msg-Id` is dropped by the server; default 2 minutes. */
  duplicateWindowMs?: number;
  /**
   * Append-only: the server refuses to delete single messages or purge the stream (JetStream `deny_delete` and
   * `deny_purge`, which cannot be turned off again by an update). For evidence such as audit checkpoints.
   */
  appendOnly?: boolean;
  /**
   * Copies of the stream in a JetStream cluster (NATS_STREAM_REPLICAS: 3 in production). Left out, an existing stream
   * keeps its count (a new one gets 1); raised on an existing stream, the cluster scales it up in place.
   */
  replicas?: number;
}

export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60_000;
export const DEAD_LETTER_STREAM = 'DLQ';
export const DEAD_LETTER_SUBJECT_PREFIX = 'crm.dlq';

function isStreamNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
}

/** Declares the stream, or brings an existing one to this configuration; safe to call at every start. */
export async function ensureStream(bus: Bus, declaration: StreamDeclaration): Promise<StreamInfo> {
  const config = {
    subjects: declaration.subjects,
    duplicate_window: nanos(declaration.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
    ...(declaration.appendOnly ? { deny_delete: true, deny_purge: true } : {}),
    ...(declaration.replicas ? { num_replicas: declaration.replicas } : {}),
  };
  try {
    await bus.jsm.streams.info(declaration.name);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    try {
      return await bus.jsm.streams.add({
        name: declaration.name,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        ...config,
      });
    } catch (addError) {
      // Another replica created it between our info and add: fall through to the update.
      if (!(addError instanceof JetStreamApiError)) throw addError;
    }
  }
  return bus.jsm.streams.update(declaration.name, config);
}

/** Declares stream DLQ (`crm.dlq.>`), where consumers park the messages they gave up on. */
export async function ensureDeadLetterStream(bus: Bus, replicas?: number): Promise<StreamInfo> {
  return ensureStream(bus, { name: DEAD_LETTER_STREAM, subjects: [`${DEAD_LETTER_SUBJECT_PREFIX}.>`], replicas });
}
