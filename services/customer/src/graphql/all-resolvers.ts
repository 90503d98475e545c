import type { CustomerContext } from './context';
import { resolvers as coreResolvers } from './resolvers';
import { gradingResolvers } from './grading-resolvers';
import { auditResolvers } from './audit-resolvers';
import { customFieldResolvers } from './custom-field-resolvers';
import { offboardingResolvers } from './offboarding-resolvers';
import { poolResolvers } from './pool-resolvers';
import { sharingResolvers } from './sharing-resolvers';

type ResolverMap = Record<string, unknown>;

/** Each capability's resolvers, merged type by type. A new capability adds its map to this list. */
const modules: ResolverMap[] = [
  coreResolvers,
  customFieldResolvers,
  auditResolvers,
  offboardingResolvers,
  sharingResolvers,
  poolResolvers,
  gradingResolvers,
];

export function customerResolvers(): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const module of modules) {
    for (const [type, fields] of Object.entries(module)) {
      // Scalars are objects too, but never split across modules: keep them whole.
      if (fields && typeof fields === 'object' && !('serialize' in fields))
        merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) };
      else merged[type] = fields as Record<string, unknown>;
    }
  }
  return merged;
}

export type { CustomerContext };
