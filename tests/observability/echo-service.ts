import type { ServiceDefinition } from '@grpc/grpc-js';

export interface EchoMessage {
  text: string;
}

const json = {
  serialize: (value: EchoMessage) => Buffer.from(JSON.stringify(value)),
  deserialize: (bytes: Buffer) => JSON.parse(bytes.toString()) as EchoMessage,
};

/** A one-method gRPC service (JSON on the wire) the metrics fixture serves, so a test needs no generated code. */
export const echoServiceDefinition = {
  echo: {
    path: '/crm.fixture.v1.EchoService/Echo',
    requestStream: false,
    responseStream: false,
    requestSerialize: json.serialize,
    requestDeserialize: json.deserialize,
    responseSerialize: json.serialize,
    responseDeserialize: json.deserialize,
  },
} satisfies ServiceDefinition;

/** The text the echo handler refuses with NOT_FOUND: a failed call's status code reaches the RPC metric. */
export const MISSING_TEXT = 'missing';
/** The event type the fixture's consumer always fails on: it ends in the dead-letter subject. */
export const POISON_EVENT_TYPE = 'crm.fixture.v1.Poison';
