import { DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import type { Bus } from '../bus';

/**
 * Every message of `stream` on `subjects` from `fromSeq` on, in stream order, through an ephemeral ordered consumer
 * (nothing is acked or left behind on the server). Ends at the last message stored when the read began.
 */
export async function* readStreamMessages(
  bus: Bus,
  stream: string,
  subjects: string[],
  fromSeq = 1,
): AsyncGenerator<JsMsg> {
  const info = await bus.jsm.streams.info(stream);
  const lastSeq = info.state.last_seq;
  if (info.state.messages === 0 || lastSeq < fromSeq) return;
  const consumer = await bus.js.consumers.get(stream, {
    filter_subjects: subjects,
    ...(fromSeq > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq } : {}),
  });
  for (;;) {
    // A short fetch: an empty batch means nothing on these subjects is left up to lastSeq.
    const batch = await consumer.fetch({ max_messages: 256, expires: 2_000 });
    let received = 0;
    for await (const msg of batch) {
      received += 1;
      if (msg.seq > lastSeq) return;
      yield msg;
      if (msg.seq === lastSeq || msg.info.pending === 0) return;
    }
    if (received === 0) return;
  }
}
