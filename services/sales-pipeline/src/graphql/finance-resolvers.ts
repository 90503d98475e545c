import { connection } from '@crm/platform/graphql';
import { decodeCursor, pageSize, toPage } from '@crm/platform/pagination';
import type { Money } from '../domain/money';
import type { ReceivablesSummary } from '../domain/payment-plan';
import type { Resolvers } from './generated/resolver-types';
import { shownMoney } from './money-shown';

type Ages = ReceivablesSummary['overdueByAge'];
const ageResolver = (bucket: keyof Ages) => (ages: Ages) => shownMoney(ages[bucket]);
const summaryResolver = (field: 'due' | 'overdue') => (s: ReceivablesSummary) => shownMoney(s[field] as Money);

/** Finance systems: write-back of invoices and payments, the change feed, receivables. */
export const financeResolvers: Resolvers = {
  FinanceChangeKind: { WON_DEAL: 'won_deal', CONTRACT: 'contract', INVOICE: 'invoice', PAYMENT: 'payment' },
  Query: {
    financeChanges: async (_, { changedSince, after, first }, ctx) => {
      const page = await ctx.services.financeChanges.page(changedSince, first, after, ctx.actor);
      // An empty page keeps the caller where it was: the next call resumes from the same cursor.
      return connection({ ...page, endCursor: page.endCursor ?? after ?? null });
    },
    receivables: (_, { asOf, filter }, ctx) => ctx.services.receivables.report(asOf, filter ?? {}, ctx.actor),
  },
  Mutation: {
    recordInvoice: (_, { input }, ctx) => ctx.services.financeWriteBack.recordInvoice(input, ctx.actor),
    recordPayment: (_, { input }, ctx) => ctx.services.financeWriteBack.recordPayment(input, ctx.actor),
  },
  Invoice: {
    amount: (i) => ({ amount: i.amount, currencyCode: i.currency }),
  },
  Receivables: {
    lines: (report, { first, after }) => {
      const limit = pageSize(first);
      const start = after ? decodeCursor(after, 2) : null;
      const rest = start
        ? report.lines.filter(
            (l) =>
              l.instalment.dueOn > String(start[0]) ||
              (l.instalment.dueOn === String(start[0]) && l.instalment.id > String(start[1])),
          )
        : report.lines;
      const page = toPage(rest.slice(0, limit + 1), limit, (l) => [l.instalment.dueOn, l.instalment.id]);
      return { ...connection(page), totalCount: report.lines.length };
    },
  },
  ReceivableLine: {
    outstandingInCompanyCurrency: (line) => shownMoney(line.outstandingInCompanyCurrency),
  },
  ReceivablesSummary: {
    due: summaryResolver('due'),
    overdue: summaryResolver('overdue'),
  },
  ReceivableAges: {
    days0to30: ageResolver('days0to30'),
    days31to60: ageResolver('days31to60'),
    days61to90: ageResolver('days61to90'),
    over90: ageResolver('over90'),
  },
};
