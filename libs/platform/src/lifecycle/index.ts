export { SHUTDOWN_PHASES, type ShutdownPhase } from './shutdown-phases';
export { createShutdown, type Shutdown, type ShutdownHook, type ShutdownOptions } from './graceful-shutdown';
export { closeHttpServer } from './http-server-close';
