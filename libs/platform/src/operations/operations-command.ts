import { parseArgs } from 'node:util';
import { connectBus, natsCredentialsOf, type Bus } from '../bus';
import { ConfigError, env, hostedServiceConfigSpec, loadConfig } from '../config';
import { createDataSource } from '../db';
import { createLogger } from '../logging';
import { ConsumerBusyError, rewindConsumer } from './consumer-rewind';
import { listParkedMessages, replayParkedMessages, type ParkedMessage } from './dead-letter-replay';
import { resyncProjection, type ProjectionSource } from './projection-resync';

/** What one service's `ops.js` knows: its name, its database variable and the projections it keeps. */
export interface OperationsCommandOptions {
  service: string;
  /** e.g. `SALES_DATABASE_URL`; read only by commands that need the database. */
  databaseUrlVariable: string;
  /** By the name `projections resync <name>` takes, e.g. `account-facts`. */
  projections: Readonly<Record<string, ProjectionSource>>;
}

export const OPERATIONS_USAGE = `usage (in the service's image, e.g. kubectl exec deploy/<release>-<service> -- node ops.js ...):
  dlq list <durable> [--json]                         the messages the consumer parked (no payloads)
  dlq replay <durable> (--seq N ... | --all) [--dry-run]  publish them again to their original subject, then unpark
  consumers rewind <stream> <durable> --since <ISO time>  deliver again from that time (service scaled to 0)
  projections list                                    the projections this service keeps of other services' data
  projections resync <name> [--from-seq N]            rebuild one from its producer's stream (idempotent)`;

/** A wrong command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}

const DURABLE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function positiveInteger(flag: string, text: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`${flag} must be a positive integer (got "${text}")`);
  return Number(text);
}

function durableArgument(value: string | undefined): string {
  if (!value) throw new UsageError('the durable consumer name is required, e.g. sales-customer-events');
  if (!DURABLE_NAME.test(value)) throw new UsageError(`durable must be letters, digits, - or _ (got "${value}")`);
  return value;
}

function parkedLine(p: ParkedMessage): string {
  return [
    `seq=${p.seq}`,
    `parked=${p.parkedAt.toISOString()}`,
    `subject=${p.originalSubject}`,
    `type=${p.eventType}`,
    `event=${p.eventId}`,
    `deliveries=${p.deliveryCount}`,
    `reason=${JSON.stringify(p.reason)}`,
  ].join(' ');
}

async function withBus<T>(service: string, run: (bus: Bus) => Promise<T>): Promise<T> {
  const config = loadConfig({
    NATS_URL: hostedServiceConfigSpec.NATS_URL,
    NATS_CREDS_FILE: hostedServiceConfigSpec.NATS_CREDS_FILE,
    NATS_USER: hostedServiceConfigSpec.NATS_USER,
    NATS_PASSWORD: hostedServiceConfigSpec.NATS_PASSWORD,
    NATS_TOKEN: hostedServiceConfigSpec.NATS_TOKEN,
  });
  const logger = createLogger(`${service}-ops`, { level: process.env.LOG_LEVEL ?? 'warn' });
  const bus = await connectBus({
    servers: config.NATS_URL,
    name: `${service}-ops`,
    logger,
    credentials: natsCredentialsOf(config),
  });
  try {
    return await run(bus);
  } finally {
    await bus.close();
  }
}

async function dlq(args: string[], options: OperationsCommandOptions, out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      seq: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const [action, durableText] = positionals;
  const durable = durableArgument(durableText);
  if (action === 'list') {
    const parked = await withBus(options.service, (bus) => listParkedMessages(bus, durable));
    if (values.json) out(JSON.stringify(parked));
    else {
      for (const p of parked) out(parkedLine(p));
      out(`${parked.length} message(s) parked by ${durable}`);
    }
    return 0;
  }
  if (action !== 'replay') throw new UsageError(`unknown dlq action "${action ?? ''}": list or replay`);
  const seqs = values.seq?.map((s) => positiveInteger('--seq', s));
  if (!values.all === !seqs) throw new UsageError('dlq replay takes --seq N (one or more) or --all');
  const dryRun = values['dry-run'] ?? false;
  const result = await withBus(options.service, (bus) => replayParkedMessages(bus, durable, { seqs, dryRun }));
  for (const p of result.replayed) out(`${dryRun ? 'would replay' : 'replayed'} ${parkedLine(p)}`);
  for (const seq of result.notFound) out(`not parked by ${durable}: seq=${seq}`);
  out(`${result.replayed.length} message(s) ${dryRun ? 'would be replayed (dry run: nothing changed)' : 'replayed'}`);
  return result.notFound.length ? 1 : 0;
}

const STREAM_NAME = /^[A-Z0-9_-]{1,64}$/;

async function consumers(
  args: string[],
  options: OperationsCommandOptions,
  out: (line: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { since: { type: 'string' } } });
  const [action, stream, durableText] = positionals;
  if (action !== 'rewind') throw new UsageError(`unknown consumers action "${action ?? ''}": rewind`);
  if (!stream || !STREAM_NAME.test(stream)) {
    throw new UsageError(`stream must be a stream name such as CUSTOMER (got "${stream ?? ''}")`);
  }
  const durable = durableArgument(durableText);
  const since = values.since === undefined ? undefined : new Date(values.since);
  if (!since || Number.isNaN(since.getTime()) || since.getTime() > Date.now()) {
    throw new UsageError(`--since must be a past ISO time such as 2026-11-30T21:00:00Z (got "${values.since ?? ''}")`);
  }
  const result = await withBus(options.service, (bus) => rewindConsumer(bus, stream, durable, since));
  out(`${durable} on ${stream} rewound to ${since.toISOString()}: ${result.pending} message(s) to deliver again`);
  return 0;
}

async function projections(
  args: string[],
  options: OperationsCommandOptions,
  out: (line: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'from-seq': { type: 'string' } },
  });
  const [action, name] = positionals;
  const names = Object.keys(options.projections);
  if (action === 'list') {
    for (const n of names) out(`${n} (stream ${options.projections[n].stream})`);
    if (!names.length) out(`${options.service} keeps no projection of another service's data`);
    return 0;
  }
  if (action !== 'resync') throw new UsageError(`unknown projections action "${action ?? ''}": list or resync`);
  const source = name ? options.projections[name] : undefined;
  if (!source) throw new UsageError(`projection must be one of: ${names.join(', ') || '(none)'} (got "${name ?? ''}")`);
  const fromSeqText = values['from-seq'];
  const fromSeq = fromSeqText === undefined ? undefined : positiveInteger('--from-seq', fromSeqText);
  const config = loadConfig({ [options.databaseUrlVariable]: env.url({ protocols: ['postgres', 'postgresql'] }) });
  const dataSource = createDataSource({
    url: String(config[options.databaseUrlVariable]),
    entities: [],
    migrations: [],
    poolSize: 2,
    applicationName: `${options.service}-ops`,
  });
  await dataSource.initialize();
  try {
    const result = await withBus(options.service, (bus) =>
      resyncProjection(bus, dataSource, source, {
        fromSeq,
        onBatch: (applied, lastSeq) => out(`${name}: ${applied} event(s) applied, up to stream seq ${lastSeq}`),
      }),
    );
    out(
      `${name} re-synced from stream ${source.stream}: ${result.applied} event(s) applied` +
        (result.lastSeq === null ? '' : `, last seq ${result.lastSeq}`),
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

/** Runs one operations command line; resolves with the exit status (0 done, 1 partly done, 2 usage/failure, 78 config). */
export async function runOperationsCommand(
  argv: string[],
  options: OperationsCommandOptions,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  err: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const [group, ...rest] = argv;
  try {
    if (group === 'dlq') return await dlq(rest, options, out);
    if (group === 'consumers') return await consumers(rest, options, out);
    if (group === 'projections') return await projections(rest, options, out);
    throw new UsageError(group ? `unknown command "${group}"` : 'a command is required');
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      err(`${error.message}\n${OPERATIONS_USAGE}`);
      return 2;
    }
    if (error instanceof ConsumerBusyError) {
      err(error.message);
      return 1;
    }
    if (error instanceof ConfigError) {
      err(error.message);
      return 78;
    }
    err(`${options.service} ops: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
