// Time to interactive from what the page recorded: when its content was ready and the long tasks it ran.

/** A main-thread task over 50 ms, as PerformanceObserver `longtask` reports it (ms since the document's origin). */
export interface LongTask {
  startMs: number;
  durationMs: number;
}

/**
 * The earliest moment at or after `contentReadyMs` that begins `quietMs` without any long task running: the content
 * is there and the main thread is free to answer input. Null while the page has not yet been watched (up to
 * `observedUntilMs`) long enough to know.
 */
export function timeToInteractive(
  contentReadyMs: number,
  longTasks: readonly LongTask[],
  quietMs: number,
  observedUntilMs: number,
): number | null {
  let candidate = contentReadyMs;
  for (const task of [...longTasks].sort((a, b) => a.startMs - b.startMs)) {
    const end = task.startMs + task.durationMs;
    if (end <= candidate) continue;
    if (task.startMs >= candidate + quietMs) break;
    candidate = end;
  }
  return candidate + quietMs <= observedUntilMs ? candidate : null;
}

/** Main-thread time blocked beyond 50 ms per long task between two moments (Lighthouse's total blocking time). */
export function blockingTime(longTasks: readonly LongTask[], fromMs: number, untilMs: number): number {
  return longTasks.reduce((sum, task) => {
    const start = Math.max(task.startMs, fromMs);
    const end = Math.min(task.startMs + task.durationMs, untilMs);
    return end - start > 50 ? sum + (end - start - 50) : sum;
  }, 0);
}
