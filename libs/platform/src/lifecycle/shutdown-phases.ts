/**
 * The order a process winds down in: stop taking work (readiness already 503), finish the work taken, stop the event
 * consumers, flush what is buffered (the outbox relay), then close connections (database, NATS, telemetry).
 */
export const SHUTDOWN_PHASES = ['stop-accepting', 'drain', 'stop-consumers', 'flush', 'close'] as const;

export type ShutdownPhase = (typeof SHUTDOWN_PHASES)[number];
