import { monitorEventLoopDelay } from 'node:perf_hooks';
import { metrics, type Meter } from '@opentelemetry/api';

const NS_PER_S = 1e9;
let started = false;

/**
 * Observes the event loop's delay as the semantic-convention gauges `nodejs.eventloop.delay.p99` and `.max` (seconds),
 * each over the interval since the previous collection (the histogram is reset after every scrape). Once per process.
 */
export function startEventLoopDelayMetrics(meter: Meter = metrics.getMeter('@crm/platform/runtime')): void {
  if (started) return;
  started = true;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const p99 = meter.createObservableGauge('nodejs.eventloop.delay.p99', {
    description: 'Event loop delay, 99th percentile since the previous collection',
    unit: 's',
  });
  const max = meter.createObservableGauge('nodejs.eventloop.delay.max', {
    description: 'Longest event loop delay since the previous collection',
    unit: 's',
  });
  meter.addBatchObservableCallback(
    (result) => {
      // No sample yet (first scrape right after start): nothing to report rather than a made-up zero.
      if (histogram.count === 0) return;
      result.observe(p99, histogram.percentile(99) / NS_PER_S);
      result.observe(max, histogram.max / NS_PER_S);
      histogram.reset();
    },
    [p99, max],
  );
}
