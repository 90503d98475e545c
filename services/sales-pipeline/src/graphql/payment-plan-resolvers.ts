import { redact } from '@crm/platform/graphql';
import { Exact } from '../domain/exact-decimal';
import { mayManageContractMoney } from '../policy/contract-money-access';
import type { Resolvers } from './generated/resolver-types';

const sum = (amounts: string[]): Exact => amounts.reduce((total, a) => total.plus(a), new Exact(0));

/** Payment plans (回款): Contract.paymentPlan, setPaymentPlan, recordReceipt. */
export const paymentPlanResolvers: Resolvers = {
  InstalmentStatus: {
    SCHEDULED: 'scheduled',
    DUE_SOON: 'due_soon',
    PARTIALLY_PAID: 'partially_paid',
    PAID: 'paid',
    OVERDUE: 'overdue',
  },
  PaymentSource: { RECEIPT: 'receipt', FINANCE: 'finance' },
  Query: {
    paymentPlan: (_, { contractId }, ctx) => ctx.services.paymentPlans.get(contractId, ctx.actor),
  },
  Mutation: {
    setPaymentPlan: (_, { contractId, instalments, expectedVersion }, ctx) =>
      ctx.services.paymentPlans.set({ contractId, instalments, expectedVersion }, ctx.actor),
    recordReceipt: (_, { instalmentId, amount, receivedOn, idempotencyKey }, ctx) =>
      ctx.services.receipts.record({ instalmentId, amount, receivedOn, idempotencyKey }, ctx.actor),
  },
  Contract: {
    paymentPlan: async (contract, _, ctx) => {
      // Contract money is finance data: other readers of the contract get null, named in extensions.
      if (!mayManageContractMoney(ctx.actor, contract)) {
        return redact(ctx, { type: 'Contract', id: contract.id, field: 'paymentPlan' });
      }
      return ctx.loaders.paymentPlan.load(contract.id);
    },
  },
  PaymentPlan: {
    contractId: (plan) => plan.contract.id,
    contractValue: (plan) => ({ amount: plan.contract.value, currencyCode: plan.contract.currency }),
    planned: (plan) => ({
      amount: sum(plan.instalments.map((i) => i.amount)).toFixed(),
      currencyCode: plan.contract.currency,
    }),
    unplanned: (plan) => ({
      amount: new Exact(plan.contract.value).minus(sum(plan.instalments.map((i) => i.amount))).toFixed(),
      currencyCode: plan.contract.currency,
    }),
  },
  Instalment: {
    amount: (i) => ({ amount: i.amount, currencyCode: i.currency }),
    paid: (i) => ({ amount: i.paid, currencyCode: i.currency }),
    outstanding: (i) => ({ amount: i.outstanding, currencyCode: i.currency }),
  },
  Payment: {
    amount: (p) => ({ amount: p.amount, currencyCode: p.currency }),
  },
};
