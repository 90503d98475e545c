// The two demo pipelines of `make seed`, created by crm-admin unless a pipeline of that name exists.
import type { SeedGraphql } from './seed-sales-callers';

export interface SeedStage {
  id: string;
  name: string;
  kind: 'OPEN' | 'WON' | 'LOST';
}
export interface SeedPipeline {
  id: string;
  name: string;
  stages: SeedStage[];
}

const pipelineDefinitions = [
  {
    name: 'Enterprise software',
    businessLine: 'Software licences and subscriptions',
    isDefault: true,
    stages: [
      { name: 'Qualification', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE', idleDays: 14 },
      { name: 'Discovery', kind: 'OPEN', probability: '20', forecastCategory: 'PIPELINE', idleDays: 21 },
      {
        name: 'Solution design',
        kind: 'OPEN',
        probability: '40',
        forecastCategory: 'BEST_CASE',
        entryCriteria: ['amount', 'expectedCloseDate'],
        idleDays: 21,
      },
      {
        name: 'Proposal',
        kind: 'OPEN',
        probability: '60',
        forecastCategory: 'BEST_CASE',
        entryCriteria: ['amount', 'expectedCloseDate', 'lineItems'],
        idleDays: 14,
      },
      {
        name: 'Negotiation',
        kind: 'OPEN',
        probability: '80',
        forecastCategory: 'COMMIT',
        entryCriteria: ['amount', 'expectedCloseDate', 'nextStep', 'primaryContact'],
        idleDays: 10,
      },
      { name: 'Closed won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
      { name: 'Closed lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
    ],
  },
  {
    name: 'Hardware & services',
    businessLine: 'Equipment, installation and maintenance',
    isDefault: false,
    stages: [
      { name: 'Lead qualified', kind: 'OPEN', probability: '10', forecastCategory: 'PIPELINE', idleDays: 10 },
      {
        name: 'Site survey',
        kind: 'OPEN',
        probability: '30',
        forecastCategory: 'PIPELINE',
        entryCriteria: ['nextStep'],
        idleDays: 14,
      },
      {
        name: 'Quotation',
        kind: 'OPEN',
        probability: '50',
        forecastCategory: 'BEST_CASE',
        entryCriteria: ['amount', 'lineItems'],
        idleDays: 14,
      },
      {
        name: 'Purchase order pending',
        kind: 'OPEN',
        probability: '85',
        forecastCategory: 'COMMIT',
        entryCriteria: ['amount', 'expectedCloseDate', 'primaryContact'],
        idleDays: 7,
      },
      { name: 'Delivered and won', kind: 'WON', probability: '100', forecastCategory: 'CLOSED' },
      { name: 'Lost', kind: 'LOST', probability: '0', forecastCategory: 'OMITTED' },
    ],
  },
] as const;

/** The seed's pipelines, created where missing, in definition order. */
export async function ensurePipelines(graphql: SeedGraphql): Promise<SeedPipeline[]> {
  const existing = await livePipelines(graphql);
  for (const definition of pipelineDefinitions) {
    if (existing.some((p) => p.name === definition.name)) continue;
    await graphql(
      `
        mutation ($input: CreatePipelineInput!) {
          createPipeline(input: $input) {
            id
          }
        }
      `,
      {
        input: { ...definition, idempotencyKey: `seed-pipeline-${definition.name}` },
      },
    );
  }
  const pipelines = await livePipelines(graphql);
  return pipelineDefinitions.map((d) => pipelines.find((p) => p.name === d.name)!);
}

/** Every live pipeline, page by page. */
async function livePipelines(graphql: SeedGraphql): Promise<SeedPipeline[]> {
  const pipelines: SeedPipeline[] = [];
  let after: string | null = null;
  for (;;) {
    const data = await graphql(
      `
        query ($after: String) {
          pipelines(first: 100, after: $after) {
            edges {
              node {
                id
                name
                stages {
                  id
                  name
                  kind
                }
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      `,
      { after },
    );
    const page = data.pipelines as {
      edges: { node: SeedPipeline }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    pipelines.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return pipelines;
    after = page.pageInfo.endCursor;
  }
}
