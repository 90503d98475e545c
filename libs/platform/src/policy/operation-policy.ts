import type { AccessRule } from './access-rule';

/**
 * A service's one policy table: for every GraphQL root field (`Query.account`, `Mutation.createAccount`), gRPC method
 * (`getAccount`, as the generated service definition names it) and HTTP route (`POST /imports/accounts`), who may
 * call it. An operation missing here is refused with FORBIDDEN wherever it is reached.
 */
export interface OperationPolicy {
  graphql: Readonly<Record<string, AccessRule>>;
  grpc: Readonly<Record<string, AccessRule>>;
  http: Readonly<Record<string, AccessRule>>;
}

/** The operations a service really has, enumerated from its code, and how they compare with its policy table. */
export interface PolicyCoverage {
  /** Operations in the code without a rule: each is refused at run time, and a test fails on it. */
  undeclared: string[];
  /** Rules naming an operation the code does not have (a rename the table missed). */
  stale: string[];
  declared: number;
  found: number;
}

export interface ServiceOperations {
  graphql: string[];
  grpc: string[];
  http: string[];
}

export function policyCoverage(policy: OperationPolicy, operations: ServiceOperations): PolicyCoverage {
  const undeclared: string[] = [];
  const stale: string[] = [];
  let declared = 0;
  let found = 0;
  for (const kind of ['graphql', 'grpc', 'http'] as const) {
    const inCode = new Set(operations[kind]);
    const inTable = new Set(Object.keys(policy[kind]));
    found += inCode.size;
    for (const op of inCode) {
      if (inTable.has(op)) declared++;
      else undeclared.push(`${kind} ${op}`);
    }
    for (const op of inTable) if (!inCode.has(op)) stale.push(`${kind} ${op}`);
  }
  return { undeclared, stale, declared, found };
}
