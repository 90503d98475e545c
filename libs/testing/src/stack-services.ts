/** One service as the launcher runs it: where its code is, which variables it reads, its ports in `make dev`. */
export interface StackService {
  /** Its name everywhere: database `<prefix>_<name>`, `stack.databases[name]`, `stack.urls[<name>Graphql]`. */
  name: string;
  /** Its database is `<prefix>_<databaseName>` (the name unless given: sales-pipeline's is crm_sales). */
  databaseName?: string;
  /** Its process and its migration command, relative to the repository root. */
  entry: string;
  migrate: string;
  /** The environment variables it reads its database URL and ports from. */
  env: { database: string; httpPort: string; grpcPort: string };
  /** Fixed ports of `make dev` (tests take free ones). */
  devPorts: { http: number; grpc: number };
  /** The gateway's variable for this subgraph's URL (gateway/src/subgraphs.ts urlEnv); none if it has no subgraph. */
  subgraphUrlEnv?: string;
  /** More variables it needs in the stack. */
  extraEnv?: Record<string, string>;
  /** Variables naming another service's gRPC address (`host:port`), by that service's name. */
  grpcAddressOf?: Record<string, string>;
}

/** THE list of services `make dev` and the end-to-end tests start: a new service is one more entry here. */
export const stackServices: readonly StackService[] = [
  {
    name: 'customer',
    entry: 'services/customer/src/main.ts',
    migrate: 'services/customer/src/db/migrate.ts',
    env: { database: 'CUSTOMER_DATABASE_URL', httpPort: 'CUSTOMER_HTTP_PORT', grpcPort: 'CUSTOMER_GRPC_PORT' },
    devPorts: { http: 4001, grpc: 50051 },
    subgraphUrlEnv: 'CUSTOMER_SUBGRAPH_URL',
  },
  {
    name: 'sales-pipeline',
    databaseName: 'sales',
    entry: 'services/sales-pipeline/src/main.ts',
    migrate: 'services/sales-pipeline/src/db/migrate.ts',
    env: { database: 'SALES_DATABASE_URL', httpPort: 'SALES_HTTP_PORT', grpcPort: 'SALES_GRPC_PORT' },
    devPorts: { http: 4002, grpc: 50052 },
    subgraphUrlEnv: 'SALES_SUBGRAPH_URL',
    grpcAddressOf: { CUSTOMER_GRPC_ADDRESS: 'customer' },
  },
  {
    name: 'service-ticket',
    databaseName: 'ticket',
    entry: 'services/service-ticket/src/main.ts',
    migrate: 'services/service-ticket/src/db/migrate.ts',
    env: { database: 'TICKET_DATABASE_URL', httpPort: 'TICKET_HTTP_PORT', grpcPort: 'TICKET_GRPC_PORT' },
    devPorts: { http: 4003, grpc: 50053 },
    subgraphUrlEnv: 'TICKET_SUBGRAPH_URL',
    grpcAddressOf: { CUSTOMER_GRPC_ADDRESS: 'customer' },
  },
];
