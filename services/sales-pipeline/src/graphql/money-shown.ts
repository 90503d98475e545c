import type { Money } from '../domain/money';

/** Domain money as the GraphQL Money type shows it. */
export const shownMoney = (m: Money): { amount: string; currencyCode: string } => ({
  amount: m.amount,
  currencyCode: m.currency,
});
