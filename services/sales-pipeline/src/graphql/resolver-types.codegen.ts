import { join } from 'node:path';
import type { ResolverTypesSpec } from '@crm/testing/graphql-codegen';
import { salesResolvers } from './all-resolvers';

/** The enums the resolver map translates (OpportunityStatus.OPEN → 'open'), read from the map itself. */
function enumValues(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [type, values] of Object.entries(salesResolvers())) {
    const entries = Object.entries(values);
    if (entries.length && entries.every(([, v]) => typeof v === 'string')) out[type] = values as Record<string, string>;
  }
  return out;
}

/** How the sales-pipeline subgraph's resolver types are generated (`make codegen`; a spec fails when they are stale). */
export function salesResolverTypesSpec(root = join(__dirname, '..', '..', '..', '..')): ResolverTypesSpec {
  const dir = join(root, 'services/sales-pipeline/src/graphql');
  return {
    schema: join(dir, '*.graphql'),
    outFile: join(dir, 'generated/resolver-types.ts'),
    contextType: '../context#SalesContext',
    mappers: {
      Account: '../context#AccountReference',
      Opportunity: '../../db/opportunity.entity#OpportunityRow',
      Pipeline: '../../db/pipeline.entity#PipelineRow',
      Stage: '../../db/pipeline.entity#StageRow',
      OpportunityConnection: '../connection#OpportunityCountedConnection',
      FieldChange: '@crm/platform/audit#FieldChangeRecord',
      AuditRecord: '@crm/platform/audit#AuditRecord',
      Lead: '../../db/lead-rows#LeadRow',
      LeadConnection: '../connection#LeadCountedConnection',
      LeadAssignmentRule: '../../domain/lead-assignment#AssignmentRule',
      LeadConversion: '../../db/lead-conversion-rows#LeadConversionRow',
      WebForm: '../../application/web-form-service#WebFormRow',
    },
    scalars: { DateTime: 'Date', Date: 'string', JSON: 'unknown' },
    enumValues: enumValues(),
  };
}
