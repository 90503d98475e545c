// Exists for the crash tests only: CRM_FAULT_RELAY=crash-before-publish|crash-after-publish SIGKILLs the relay's process there.
export type RelayFaultPoint = 'crash-before-publish' | 'crash-after-publish';

const FAULT_POINTS: readonly RelayFaultPoint[] = ['crash-before-publish', 'crash-after-publish'];

export function relayFaultPointFromEnv(env: NodeJS.ProcessEnv = process.env): RelayFaultPoint | undefined {
  const value = env.CRM_FAULT_RELAY;
  return FAULT_POINTS.find((point) => point === value);
}

/** Kills the process without any cleanup, like a node failure, when `point` is the configured fault. */
export function crashAtFaultPoint(point: RelayFaultPoint, configured: RelayFaultPoint | undefined): void {
  if (point === configured) process.kill(process.pid, 'SIGKILL');
}
