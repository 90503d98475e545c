// Composition root: read config, load the supergraph, start the engine and HTTP server, drain on SIGTERM.
import { readFile } from 'node:fs/promises';
import { ConfigError } from '@crm/platform/config';
import { createTokenVerifier } from '@crm/platform/auth';
import { createLogger } from '@crm/platform/logging';
import { loadGatewayConfig, type GatewayConfig } from './config';
import { jwtAuthenticate } from './http/jwt-authenticate';
import { startGateway } from './start-gateway';
import { composeCommand } from './supergraph-file';

const logger = createLogger('gateway');

function configOrExit(): GatewayConfig {
  try {
    return loadGatewayConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const supergraphSdl = await readFile(config.supergraphPath, 'utf8').catch((error: unknown) => {
    throw new Error(`cannot read the supergraph at ${config.supergraphPath} (build it with: ${composeCommand})`, {
      cause: error,
    });
  });
  const verifier = createTokenVerifier(config.auth);
  const gateway = await startGateway({
    config,
    supergraphSdl,
    logger,
    authenticate: jwtAuthenticate(verifier, logger),
  });

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down: draining requests in progress');
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
