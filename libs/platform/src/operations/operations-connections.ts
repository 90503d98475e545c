import type { DataSource } from 'typeorm';
import { connectBus, natsCredentialsOf, type Bus } from '../bus';
import { env, hostedServiceConfigSpec, loadConfig } from '../config';
import { createDataSource } from '../db';
import { createLogger } from '../logging';

// The operations command's own short-lived connections, opened per command from the service's environment.

/** Runs `run` on a NATS connection named `<service>-ops` (NATS_URL and the service's NATS credentials), then closes it. */
export async function withBus<T>(service: string, run: (bus: Bus) => Promise<T>): Promise<T> {
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

/** Runs `run` on a two-connection pool to the database named by `databaseUrlVariable`, then closes it. */
export async function withDatabase<T>(
  options: { service: string; databaseUrlVariable: string },
  run: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
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
    return await run(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
