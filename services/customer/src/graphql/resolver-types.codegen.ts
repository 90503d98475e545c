import { join } from 'node:path';
import { subgraphSdlFiles } from '@crm/platform/graphql';
import type { ResolverTypesSpec } from '@crm/testing/graphql-codegen';
import { customerResolvers } from './all-resolvers';

/** The enums the resolver map translates (LifecycleStage.PROSPECT → 'prospect'), read from the map itself. */
function enumValues(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [type, values] of Object.entries(customerResolvers())) {
    const entries = Object.entries(values);
    if (entries.length && entries.every(([, v]) => typeof v === 'string')) out[type] = values as Record<string, string>;
  }
  return out;
}

/** How the customer subgraph's resolver types are generated (`make codegen`; a spec fails when they are stale). */
export function customerResolverTypesSpec(root = join(__dirname, '..', '..', '..', '..')): ResolverTypesSpec {
  const dir = join(root, 'services/customer/src/graphql');
  return {
    schema: subgraphSdlFiles(dir),
    outFile: join(dir, 'generated/resolver-types.ts'),
    contextType: '../context#CustomerContext',
    mappers: {
      Account: '../../db/account.entity#AccountRow',
      Contact: '../../db/contact.entity#ContactRow',
      Activity: '../../db/activity.entity#ActivityRow',
      CustomFieldDefinition: '../../db/custom-field-definition.entity#CustomFieldDefinitionRow',
      AccountGrant: '../../db/account-grant-rows#AccountGrant',
      AccountConnection: '../connection#AccountCountedConnection',
      AccessRequestConnection: '../connection#AccessRequestCountedConnection',
      ContactConnection: '../connection#ContactCountedConnection',
      ActivityConnection: '../connection#ActivityCountedConnection',
      AccountGrantConnection: '../connection#AccountGrantCountedConnection',
      CustomFieldDefinitionConnection: '../connection#CustomFieldDefinitionCountedConnection',
      TeamConnection: '../connection#TeamCountedConnection',
      SavedAccountViewConnection: '../connection#SavedAccountViewCountedConnection',
      AccessRequest: '../../application/access-request-service#AccessRequest',
      OffboardingResult: '../../application/offboarding-service#OffboardingResult',
      GradeSuggestion: '../../domain/grading-rules#GradeSuggestion',
      DuplicateCandidate: '../../application/account-service#DuplicateCandidate',
      FieldChange: '@crm/platform/audit#FieldChangeRecord',
      AuditRecord: '@crm/platform/audit#AuditRecord',
      User: '../../application/user-profiles#UserProfile',
      Team: '@crm/platform/auth#DirectoryTeam',
      TimelineEntry: '../../application/account-timeline#TimelineEntry',
      SavedAccountView: '../../application/saved-account-views#SavedAccountView',
      TicketAccountMatch: '../../application/ticket-account-lookup#TicketAccountMatch',
      TicketContactMatch: '../../application/ticket-account-lookup#TicketContactMatch',
    },
    scalars: { DateTime: 'Date', Date: 'string', JSON: 'unknown' },
    enumValues: enumValues(),
  };
}
