import { stackServices } from '@crm/testing';
import { subgraphs } from './subgraphs';

describe('the subgraph list and the launcher service list', () => {
  it('name the same services: every subgraph is started by `make dev` and the e2e tests, and wired into the gateway', () => {
    const launched = stackServices
      .filter((s) => s.subgraphUrlEnv)
      .map((s) => ({ name: s.name, urlEnv: s.subgraphUrlEnv }));
    const composed = subgraphs.map((s) => ({ name: s.name, urlEnv: s.urlEnv }));
    expect(launched).toEqual(composed);
  });

  it('the launcher list gives each service its own ports and variables', () => {
    const values = stackServices.flatMap((s) => [s.devPorts.http, s.devPorts.grpc, s.env.database]);
    expect(new Set(values).size).toBe(values.length);
  });
});
