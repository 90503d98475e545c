import { mergeResolverMaps } from '@crm/platform/graphql';
import { moneyResolvers } from './money-shown';
import type { SalesContext } from './context';
import type { Resolvers } from './generated/resolver-types';
import { auditResolvers } from './audit-resolvers';
import { exchangeRateResolvers } from './exchange-rate-resolvers';
import { forecastResolvers } from './forecast-resolvers';
import { financeResolvers } from './finance-resolvers';
import { leadAssignmentResolvers } from './lead-assignment-resolvers';
import { leadConversionResolvers } from './lead-conversion-resolvers';
import { leadResolvers } from './lead-resolvers';
import { opportunityResolvers } from './opportunity-resolvers';
import { paymentPlanResolvers } from './payment-plan-resolvers';
import { pipelineResolvers } from './pipeline-resolvers';
import { pipelineAdminResolvers } from './pipeline-admin-resolvers';
import { stageMoveResolvers } from './stage-move-resolvers';
import { dealEditingResolvers } from './deal-editing-resolvers';
import { pipelineBoardResolvers } from './pipeline-board-resolvers';
import { contractResolvers } from './contract-resolvers';
import { priceBookResolvers } from './price-book-resolvers';
import { quoteResolvers } from './quote-resolvers';
import { webFormResolvers } from './web-form-resolvers';
import { userReferenceResolvers } from './user-reference-resolvers';

/** Each capability's resolvers, merged type by type. A new capability adds its map to this list. */
const modules: Resolvers[] = [
  pipelineResolvers,
  opportunityResolvers,
  auditResolvers,
  exchangeRateResolvers,
  forecastResolvers,
  priceBookResolvers,
  quoteResolvers,
  contractResolvers,
  paymentPlanResolvers,
  financeResolvers,
  leadResolvers,
  leadAssignmentResolvers,
  leadConversionResolvers,
  webFormResolvers,
];
modules.push(pipelineAdminResolvers, stageMoveResolvers, dealEditingResolvers, pipelineBoardResolvers, moneyResolvers);
modules.push(userReferenceResolvers);

export function salesResolvers(): Resolvers {
  return mergeResolverMaps(modules);
}

export type { SalesContext };
