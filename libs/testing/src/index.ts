export { createTestDatabase, type TestDatabase } from './test-database';
export { startNats, natsServerBinary, freePort, type NatsServer } from './nats-server';
export { startStack, freeStackPorts, defaultDevPorts, repoRoot, type Stack, type StackOptions } from './platform-stack';
