import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@crm/testing';
import {
  InMemoryMetricExporter,
  AggregationTemporality,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { createJobRunner, type JobRunner, type ScheduledJob } from '../src/jobs';
import { createLogger } from '../src/logging';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('jobs-test', { level: 'info' }, sink), lines };
}

function meterWithReader() {
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  const provider = new MeterProvider({ readers: [reader] });
  const sum = async (name: string, attributes: Record<string, string>) => {
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
    return (metric?.dataPoints ?? [])
      .filter((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v))
      .reduce((total, p) => total + (typeof p.value === 'number' ? p.value : p.value.count), 0);
  };
  return { meter: provider.getMeter('test'), sum, provider };
}

describe('job runner', () => {
  let db: TestDatabase;
  const runners: JobRunner[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('job_runner');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await db?.drop();
  });

  const runner = (jobs: ScheduledJob[], logger = capturedLogger().logger, meter = meterWithReader().meter) => {
    const created = createJobRunner({
      service: 'jobs-test',
      jobs,
      database: { connectionString: db.url },
      logger,
      meter,
    });
    runners.push(created);
    return created;
  };

  it('two replicas against one database run a job once per tick, and the other takes over when one stops', async () => {
    const ranOn: string[] = [];
    let running = 0;
    let overlapped = false;
    const job = (replica: string): ScheduledJob => ({
      name: 'count',
      intervalMs: 100,
      async run() {
        running += 1;
        if (running > 1) overlapped = true;
        ranOn.push(replica);
        await sleep(20);
        running -= 1;
      },
    });
    const a = runner([job('a')]);
    const b = runner([job('b')]);
    // Ticks of both replicas, interleaved: each tick runs the job on exactly one of them.
    for (let i = 0; i < 5; i++) {
      expect([await a.tick('count'), await b.tick('count')].filter(Boolean)).toHaveLength(1);
    }
    expect(ranOn).toHaveLength(5);
    expect(new Set(ranOn).size).toBe(1);

    a.start();
    b.start();
    await sleep(1_050);
    const timed = ranOn.length - 5;
    // 10 ticks of each replica in ~1 s: the job ran on the ticks of one of them only.
    expect(timed).toBeGreaterThanOrEqual(8);
    expect(timed).toBeLessThanOrEqual(11);
    expect(overlapped).toBe(false);

    const holder = ranOn[0] === 'a' ? a : b;
    const other = holder === a ? 'b' : 'a';
    await holder.stop();
    const before = ranOn.length;
    await sleep(350);
    expect(ranOn.slice(before).length).toBeGreaterThanOrEqual(2);
    expect(ranOn.slice(before).every((r) => r === other)).toBe(true);
  });

  it('logs and counts a failing run, and the next tick runs again', async () => {
    const { logger, lines } = capturedLogger();
    const { meter, sum } = meterWithReader();
    let calls = 0;
    const flaky = runner(
      [
        {
          name: 'flaky',
          intervalMs: 60_000,
          async run() {
            calls += 1;
            if (calls === 1) throw new Error('database said no');
            return { done: calls };
          },
        },
      ],
      logger,
      meter,
    );
    expect(await flaky.tick('flaky')).toBe(true);
    expect(await flaky.tick('flaky')).toBe(true);
    expect(calls).toBe(2);

    const failed = lines.find((l) => l.msg === 'job failed');
    expect(failed).toMatchObject({ job: 'flaky', level: 'error', err: { message: 'database said no' } });
    expect(typeof failed?.durationMs).toBe('number');
    expect(lines.filter((l) => l.msg === 'job started')).toHaveLength(2);
    expect(lines.find((l) => l.msg === 'job finished')).toMatchObject({ job: 'flaky', result: { done: 2 } });
    expect(await sum('crm.job.failures', { 'crm.job.name': 'flaky' })).toBe(1);
    expect(await sum('crm.job.runs', { 'crm.job.name': 'flaky', result: 'failed' })).toBe(1);
    expect(await sum('crm.job.runs', { 'crm.job.name': 'flaky', result: 'ok' })).toBe(1);
    expect(await sum('crm.job.duration', { 'crm.job.name': 'flaky' })).toBe(2);
  });

  it('stop waits for the run in progress and starts no other', async () => {
    let finished = false;
    let starts = 0;
    const slow = runner([
      {
        name: 'slow',
        intervalMs: 50,
        runAtStart: true,
        async run() {
          starts += 1;
          await sleep(400);
          finished = true;
        },
      },
    ]);
    slow.start();
    await sleep(100);
    expect(starts).toBe(1);
    await slow.stop();
    expect(finished).toBe(true);
    await sleep(150);
    expect(starts).toBe(1);
  });

  it('runs a runAtStop job once more on the way out, once however often stop is called', async () => {
    let runs = 0;
    const closing = runner([
      {
        name: 'anchor',
        intervalMs: 60_000,
        runAtStop: true,
        async run() {
          runs += 1;
        },
      },
    ]);
    closing.start();
    await sleep(50);
    expect(runs).toBe(0);
    await Promise.all([closing.stop(), closing.stop()]);
    await closing.stop();
    expect(runs).toBe(1);
  });
});
