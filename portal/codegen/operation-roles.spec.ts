import { spawnSync } from 'node:child_process';
import { operationRoles } from '../src/graphql/gen/operation-roles';
import { repoRoot } from './repo-root';

/** Each service's GraphQL rules as its policy module exports them, read by tsx (jest cannot load the services' ESM deps). */
function servicePolicies(): Record<string, { kind: string; roles?: string[] }> {
  const script = `Promise.all([
    import('./services/customer/src/policy/operation-policy.ts'),
    import('./services/sales-pipeline/src/policy/operation-policy.ts'),
    import('./services/service-ticket/src/policy/operation-policy.ts'),
  ]).then(([c, s, t]) => process.stdout.write(JSON.stringify({
    ...c.customerOperationPolicy.graphql, ...s.salesOperationPolicy.graphql, ...t.ticketOperationPolicy.graphql,
  })));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot(),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, { kind: string; roles?: string[] }>;
}

describe("the portal's generated operation roles", () => {
  it("admit exactly the roles of the owning service's rule", () => {
    const policies = servicePolicies();
    for (const operation of [
      'Mutation.createAccount',
      'Mutation.claimAccount',
      'Mutation.bulkReleaseAccounts',
      'Mutation.adjustTeamForecast',
      'Mutation.moveOpportunityStage',
      'Mutation.claimTicket',
      'Query.accounts',
    ] as const) {
      expect({ operation, roles: operationRoles[operation] }).toEqual({ operation, roles: policies[operation]?.roles });
    }
    const declared = Object.keys(policies).filter((name) => !/^Query\._(entities|service)$/.test(name));
    expect(Object.keys(operationRoles).sort()).toEqual(declared.sort());
  }, 60_000);
});
