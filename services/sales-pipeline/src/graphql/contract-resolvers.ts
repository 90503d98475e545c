import { countedConnection, nullWhenNotFound, redact, totalCountResolvers } from '@crm/platform/graphql';
import { isUuid } from '@crm/platform/ids';
import { canSeeContractValue, contractValueReadIsAudited } from '../policy/commercial-access';
import type { Resolvers } from './generated/resolver-types';

/** Contracts (application/contract-service.ts), their value hidden field by field (policy/commercial-access.ts). */
export const contractResolvers: Resolvers = {
  ContractStatus: { DRAFT: 'draft', SIGNED: 'signed', TERMINATED: 'terminated' },
  Query: {
    contract: async (_, { id }, ctx) => {
      if (!isUuid(id)) return null;
      // FORBIDDEN for a contract of a deal the caller may not see; null when there is none.
      return nullWhenNotFound(ctx.services.contracts.get(id, ctx.actor));
    },
    contracts: async (_, { filter, first, after }, ctx) =>
      countedConnection(
        await ctx.services.contracts.list(filter ?? {}, first, after, ctx.actor),
        ctx.services.exactCountUpTo,
      ),
  },
  Mutation: {
    createContract: (_, { input }, ctx) =>
      ctx.services.contracts.create(
        {
          quoteId: input.quoteId,
          number: input.number,
          startOn: input.startOn,
          termMonths: input.termMonths,
          idempotencyKey: input.idempotencyKey,
        },
        ctx.actor,
      ),
    signContract: (_, { id, signedOn }, ctx) => ctx.services.contracts.sign(id, signedOn, ctx.actor),
  },
  ContractConnection: totalCountResolvers,
  Opportunity: {
    contracts: (deal, _, ctx) => ctx.commercial.dealContracts.load(deal.id),
  },
  Contract: {
    __resolveReference: (ref, ctx) => ctx.commercial.contract.load(ref.id),
    opportunity: async (contract, _, ctx) => (await ctx.loaders.opportunity.load(contract.opportunityId))!,
    quote: (contract, _, ctx) => (contract.quoteId ? ctx.commercial.quote.load(contract.quoteId) : null),
    value: async (contract, _, ctx) => {
      if (!canSeeContractValue(ctx.actor, contract)) {
        return redact(ctx, { type: 'Contract', id: contract.id, field: 'value' });
      }
      // Finance and crm-admin see every contract's value: each contract they read is audited once per request.
      if (contractValueReadIsAudited(ctx.actor)) await ctx.commercial.contractValueReadAudit.load(contract.id);
      return { amount: contract.value, currencyCode: contract.currency };
    },
  },
};
