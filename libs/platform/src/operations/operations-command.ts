import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import type { AuditCheckpointsFactory } from '../audit';
import type { Bus } from '../bus';
import { ConfigError, hostedServiceConfigSpec, loadConfig } from '../config';
import { ConsumerBusyError, rewindConsumer } from './consumer-rewind';
import { listParkedMessages, replayParkedMessages, type ParkedMessage } from './dead-letter-replay';
import { withBus, withDatabase } from './operations-connections';
import { resyncProjection, type ProjectionSource } from './projection-resync';

/** What one service's `ops.js` knows: its name, its database variable and the projections it keeps. */
export interface OperationsCommandOptions {
  service: string;
  /** e.g. `SALES_DATABASE_URL`; read only by commands that need the database. */
  databaseUrlVariable: string;
  /** By the name `projections resync <name>` takes, e.g. `account-facts`. */
  projections: Readonly<Record<string, ProjectionSource>>;
  /** The service's audit checkpoints (`audit checkpoints ...`), built on the command's own connections. */
  auditCheckpoints?: AuditCheckpointsFactory;
}

export const OPERATIONS_USAGE = `usage (in the service's image, e.g. kubectl exec deploy/<release>-<service> -- node ops.js ...):
  dlq list <durable> [--json]                         the messages the consumer parked (no payloads)
  dlq replay <durable> (--seq N ... | --all) [--dry-run]  publish them again to their original subject, then unpark
  consumers rewind <stream> <durable> --since <ISO time>  deliver again from that time (service scaled to 0)
  projections list                                    the projections this service keeps of other services' data
  projections resync <name> [--from-seq N]            rebuild one from its producer's stream (idempotent)
  audit checkpoints verify                            compare the audit log with every checkpoint on the AUDIT stream
  audit checkpoints rebase --by <name> --reason <text> --confirm <service>
                                                      after a database restore: anchor an audited restore marker`;

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
  const result = await withDatabase(options, (dataSource) =>
    withBus(options.service, (bus) =>
      resyncProjection(bus, dataSource, source, {
        fromSeq,
        onBatch: (applied, lastSeq) => out(`${name}: ${applied} event(s) applied, up to stream seq ${lastSeq}`),
      }),
    ),
  );
  out(
    `${name} re-synced from stream ${source.stream}: ${result.applied} event(s) applied` +
      (result.lastSeq === null ? '' : `, last seq ${result.lastSeq}`),
  );
  return 0;
}

/** `audit checkpoints verify|rebase`: the way back after a database restore left the checkpoints ahead of the log. */
async function audit(args: string[], options: OperationsCommandOptions, out: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { by: { type: 'string' }, reason: { type: 'string' }, confirm: { type: 'string' } },
  });
  const [what, action] = positionals;
  const factory = options.auditCheckpoints;
  if (what !== 'checkpoints' || !factory) throw new UsageError(`unknown audit command "${what ?? ''}": checkpoints`);
  const { AUDIT_CHECKPOINT_MINUTES } = loadConfig({
    AUDIT_CHECKPOINT_MINUTES: hostedServiceConfigSpec.AUDIT_CHECKPOINT_MINUTES,
  });
  const build = (dataSource: DataSource, bus: Bus) =>
    factory(dataSource, bus, { intervalMinutes: AUDIT_CHECKPOINT_MINUTES });
  if (action === 'verify') {
    const verification = await withDatabase(options, (dataSource) =>
      withBus(options.service, (bus) => build(dataSource, bus).compare()),
    );
    out(`audit checkpoints ${verification.ok ? 'OK' : 'MISMATCH'}: ${verification.message}`);
    return verification.ok ? 0 : 1;
  }
  if (action !== 'rebase') throw new UsageError(`unknown audit checkpoints action "${action ?? ''}": verify or rebase`);
  if (!values.by?.trim())
    throw new UsageError('--by <your name> is required: the restore marker names who anchored it');
  if (!values.reason?.trim())
    throw new UsageError('--reason <text> is required, e.g. the incident and the backup used');
  if (values.confirm !== options.service) {
    throw new UsageError(`--confirm ${options.service} is required: the marker is permanent on the AUDIT stream`);
  }
  const actor = { id: `ops:${values.by.trim()}`, requestId: randomUUID(), roles: [], teams: [] };
  const reason = values.reason;
  const marker = await withDatabase(options, (dataSource) =>
    withBus(options.service, (bus) => build(dataSource, bus).rebase(actor, reason)),
  );
  out(
    `restore marker seq ${marker.seq} written for ${options.service}: its checkpoint is in the outbox, published by ` +
      `the running service's relay; routine checkpoints continue from it`,
  );
  return 0;
}

/** A command group: its arguments after the group's name in, exit status out. */
type OperationsCommand = (
  args: string[],
  options: OperationsCommandOptions,
  out: (line: string) => void,
) => Promise<number>;

const commands = new Map<string, OperationsCommand>([
  ['dlq', dlq],
  ['consumers', consumers],
  ['projections', projections],
  ['audit', audit],
]);

/** Runs one operations command line; resolves with the exit status (0 done, 1 partly done, 2 usage/failure, 78 config). */
export async function runOperationsCommand(
  argv: string[],
  options: OperationsCommandOptions,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  err: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const [group, ...rest] = argv;
  try {
    const command = group === undefined ? undefined : commands.get(group);
    if (!command) throw new UsageError(group ? `unknown command "${group}"` : 'a command is required');
    return await command(rest, options, out);
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

/** The body of a service's `ops.js`: runs the process's command line and leaves its status as the exit code. */
export function operationsMain(options: OperationsCommandOptions): void {
  void runOperationsCommand(process.argv.slice(2), options).then((code) => {
    process.exitCode = code;
  });
}
