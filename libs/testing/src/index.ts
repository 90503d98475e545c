export { createTestDatabase, type TestDatabase } from './test-database';
export { startNats, natsServerBinary, freePort, type NatsServer } from './nats-server';
