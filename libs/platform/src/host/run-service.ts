import type { BaseContext } from '@apollo/server';
import { createShutdown } from '../lifecycle';
import { createLogger } from '../logging';
import type { ServiceDeclaration } from './service-declaration';
import { startService } from './service-host';

export interface RunServiceOptions {
  /** The whole shutdown's budget (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs?: number;
}

/** A service's process: starts it, stops it in the lifecycle phases on SIGTERM/SIGINT, exits 1 if it cannot start. */
export async function runService<S, TContext extends BaseContext>(
  declaration: ServiceDeclaration<S, TContext>,
  options: RunServiceOptions = {},
): Promise<void> {
  try {
    const logger = createLogger(declaration.name);
    const running = await startService(declaration, logger);
    const shutdown = createShutdown({ logger, timeoutMs: options.shutdownTimeoutMs, readiness: running.health });
    running.registerShutdown(shutdown);
    shutdown.listen();
  } catch (error) {
    process.stderr.write(
      `${declaration.name}: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  }
}
