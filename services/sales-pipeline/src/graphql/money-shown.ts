import { shownAmount, type Money } from '../domain/money';
import type { Resolvers } from './generated/resolver-types';

/** Domain money as the GraphQL Money type shows it. */
export const shownMoney = (m: Money): { amount: string; currencyCode: string } => ({
  amount: m.amount,
  currencyCode: m.currency,
});

/** Every Money this subgraph returns shows its amount in one shape per currency (domain/money.ts shownAmount). */
export const moneyResolvers: Resolvers = {
  Money: {
    amount: (m) => shownAmount(m.amount, m.currencyCode),
  },
};
