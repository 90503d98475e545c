import { GraphQLScalarType } from 'graphql';
import type { CustomerContext } from './context';
import type { Resolvers } from './generated/resolver-types';
import { resolvers as coreResolvers } from './resolvers';
import { gradingResolvers } from './grading-resolvers';
import { auditResolvers } from './audit-resolvers';
import { customFieldResolvers } from './custom-field-resolvers';
import { offboardingResolvers } from './offboarding-resolvers';
import { poolResolvers } from './pool-resolvers';
import { sharingResolvers } from './sharing-resolvers';

/** Each capability's resolvers, merged type by type. A new capability adds its map to this list. */
const modules: Resolvers[] = [
  coreResolvers,
  customFieldResolvers,
  auditResolvers,
  offboardingResolvers,
  sharingResolvers,
  poolResolvers,
  gradingResolvers,
];

function isTypeName(map: Resolvers, key: string): key is keyof Resolvers {
  return key in map;
}

function mergeType<K extends keyof Resolvers>(into: Resolvers, from: Resolvers, type: K): void {
  const fields = from[type];
  // Scalars are objects too, but never split across modules: keep them whole.
  into[type] = fields instanceof GraphQLScalarType ? fields : { ...into[type], ...fields };
}

export function customerResolvers(): Resolvers {
  const merged: Resolvers = {};
  for (const module of modules) {
    for (const type of Object.keys(module)) if (isTypeName(module, type)) mergeType(merged, module, type);
  }
  return merged;
}

export type { CustomerContext };
