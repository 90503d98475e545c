import { DeliverPolicy, type ConsumerConfig } from '@nats-io/jetstream';
import type { Bus } from '../bus';

/** The durable is still pulled from: rewinding it now would race the running service. */
export class ConsumerBusyError extends Error {}

export interface RewindResult {
  /** Messages the durable will deliver again (from `since` on, on its filter subjects). */
  pending: number;
}

/**
 * Recreates a durable consumer with the same settings but delivering from `since` (e.g. the time of a restored
 * backup), so the events applied after the backup reach the restored database again; its inbox skips those the backup
 * already held. Refused while any client pulls from the durable: stop the service first.
 */
export async function rewindConsumer(bus: Bus, stream: string, durable: string, since: Date): Promise<RewindResult> {
  const info = await bus.jsm.consumers.info(stream, durable);
  if (info.num_waiting > 0) {
    throw new ConsumerBusyError(
      `${info.num_waiting} pull request(s) are waiting on ${durable}: scale the service that consumes it to 0 and retry after 30 s`,
    );
  }
  const config: Partial<ConsumerConfig> = { ...info.config };
  delete config.opt_start_seq;
  await bus.jsm.consumers.delete(stream, durable);
  const added = await bus.jsm.consumers.add(stream, {
    ...config,
    durable_name: durable,
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: since.toISOString(),
  });
  return { pending: added.num_pending };
}
