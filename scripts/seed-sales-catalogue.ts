// The finance and management side of the sales seed: finance's dated exchange rates and price book, the managers'
// quotas and one forecast adjustment. Each step looks up what exists first, so a re-run changes nothing.
import { Decimal } from 'decimal.js';
import { rng } from './lib/demo-data';
import type { SeedGraphql } from './seed-sales-callers';
import { salesTeams, type SalesTeam } from './seed-sales-callers';

/** The price book: list prices in CNY and USD (odd amounts on purpose: real price lists have them). */
export const seedProducts = [
  { code: 'ERP-CORE', name: 'ERP core licence (per user, year)', prices: { CNY: '3600.00', USD: '520.00' } },
  {
    code: 'ERP-MFG',
    name: '制造模块 Manufacturing module (per user, year)',
    prices: { CNY: '2399.50', USD: '349.99' },
  },
  { code: 'CRM-PRO', name: 'CRM professional (per user, year)', prices: { CNY: '1800.00', USD: '260.00' } },
  { code: 'IMPL-DAY', name: '实施顾问人天 Implementation consultant day', prices: { CNY: '6800.00', USD: '980.00' } },
  { code: 'SCAN-X2', name: 'Industrial barcode scanner X2', prices: { CNY: '4216.80', USD: '612.45' } },
  { code: 'GW-EDGE', name: '边缘网关 Edge gateway appliance', prices: { CNY: '15800.00', USD: '2290.00' } },
  { code: 'SVC-MAINT', name: 'On-site maintenance (year)', prices: { CNY: '12000.00', USD: '1750.00' } },
  { code: 'MES-PLANT', name: '全厂MES项目 Plant-wide MES programme', prices: { CNY: '1234567.89', USD: '171234.56' } },
] as const;
export type SeedProductCode = (typeof seedProducts)[number]['code'];

const rateLevels = { USD: 7.12, EUR: 7.74, HKD: 0.9123 } as const;

/** Finance's rates to CNY: the last day of each of the last six months, a little different every month. */
export function seedExchangeRates(today: Date): { currency: string; rate: string; effectiveOn: string }[] {
  const rates: { currency: string; rate: string; effectiveOn: string }[] = [];
  for (let back = 6; back >= 1; back--) {
    const monthEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back + 1, 0));
    const effectiveOn = monthEnd.toISOString().slice(0, 10);
    for (const [currency, level] of Object.entries(rateLevels)) {
      const r = rng(monthEnd.getUTCFullYear() * 100 + monthEnd.getUTCMonth() + currency.charCodeAt(0));
      rates.push({ currency, rate: (level * (0.985 + r() * 0.03)).toFixed(4), effectiveOn });
    }
  }
  return rates;
}

export async function seedRates(graphql: SeedGraphql, today: Date): Promise<void> {
  for (const rate of seedExchangeRates(today)) {
    const found = (await graphql(
      `
        query ($currency: String!, $date: Date!) {
          exchangeRateOn(currency: $currency, date: $date) {
            effectiveOn
          }
        }
      `,
      { currency: rate.currency, date: rate.effectiveOn },
      'finance1',
    )) as { exchangeRateOn: { effectiveOn: string } | null };
    if (found.exchangeRateOn?.effectiveOn === rate.effectiveOn) continue;
    await graphql(
      `
        mutation ($currency: String!, $rate: String!, $effectiveOn: Date!, $key: String) {
          recordExchangeRate(currency: $currency, rate: $rate, effectiveOn: $effectiveOn, idempotencyKey: $key) {
            id
          }
        }
      `,
      { ...rate, key: `seed-rate-${rate.currency}-${rate.effectiveOn}` },
      'finance1',
    );
  }
}

interface ProductRead {
  id: string;
  code: string;
  prices: { unitPrice: { amount: string; currencyCode: string } }[];
}

/** The products by code, created and priced by finance where missing. */
export async function seedPriceBook(graphql: SeedGraphql): Promise<Map<SeedProductCode, string>> {
  const ids = new Map<SeedProductCode, string>();
  for (const product of seedProducts) {
    const found = (await graphql(
      `
        query ($search: String) {
          products(search: $search, first: 20) {
            edges {
              node {
                id
                code
                prices {
                  unitPrice {
                    amount
                    currencyCode
                  }
                }
              }
            }
          }
        }
      `,
      { search: product.code },
      'finance1',
    )) as { products: { edges: { node: ProductRead }[] } };
    let node = found.products.edges.map((e) => e.node).find((p) => p.code === product.code);
    if (!node) {
      const created = (await graphql(
        `
          mutation ($input: CreateProductInput!) {
            createProduct(input: $input) {
              id
              code
              prices {
                unitPrice {
                  amount
                  currencyCode
                }
              }
            }
          }
        `,
        { input: { code: product.code, name: product.name, idempotencyKey: `seed-product-${product.code}` } },
        'finance1',
      )) as { createProduct: ProductRead };
      node = created.createProduct;
    }
    for (const [currency, unitPrice] of Object.entries(product.prices)) {
      const has = node.prices.some((p) => p.unitPrice.currencyCode === currency && p.unitPrice.amount === unitPrice);
      if (has) continue;
      await graphql(
        `
          mutation ($id: ID!, $currency: String!, $unitPrice: String!) {
            setPrice(productId: $id, currency: $currency, unitPrice: $unitPrice) {
              id
            }
          }
        `,
        { id: node.id, currency, unitPrice },
        'finance1',
      );
    }
    ids.set(product.code, node.id);
  }
  return ids;
}

/** The first day of the current UTC month and fiscal quarter (fiscal years start in January unless configured). */
export function currentPeriods(today: Date): { month: string; quarter: string } {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const day = (month: number) => new Date(Date.UTC(y, month, 1)).toISOString().slice(0, 10);
  return { month: day(m), quarter: day(m - (m % 3)) };
}

const quarterQuotas = ['3000000.00', '2500000.00', '1234567.89', '1800000.50'];

/** Each manager sets their reps' quotas for this quarter and month; manager.east adjusts the team's forecast once. */
export async function seedQuotasAndForecast(graphql: SeedGraphql, today: Date): Promise<void> {
  const { month, quarter } = currentPeriods(today);
  let n = 0;
  for (const team of salesTeams) {
    for (const rep of team.reps) {
      const amount = quarterQuotas[n++ % quarterQuotas.length]!;
      for (const period of [
        { kind: 'QUARTER', start: quarter, amount },
        {
          kind: 'MONTH',
          start: month,
          amount: new Decimal(amount).div(3).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2),
        },
      ]) {
        await graphql(
          `
            mutation ($ownerId: ID!, $teamId: String!, $period: ForecastPeriodInput!, $amount: String!) {
              setQuota(ownerId: $ownerId, teamId: $teamId, period: $period, amount: $amount) {
                id
              }
            }
          `,
          {
            ownerId: rep.id,
            teamId: team.id,
            period: { kind: period.kind, start: period.start },
            amount: period.amount,
          },
          team.manager,
        );
      }
    }
  }
  await adjustForecast(graphql, salesTeams[0]!, quarter);
}

async function adjustForecast(graphql: SeedGraphql, team: SalesTeam, quarter: string): Promise<void> {
  const period = { kind: 'QUARTER', start: quarter };
  const current = (await graphql(
    `
      query ($period: ForecastPeriodInput!, $scope: ForecastScopeInput!) {
        forecast(period: $period, scope: $scope) {
          team {
            figures {
              commit {
                amount
              }
            }
            adjusted {
              note
            }
          }
        }
      }
    `,
    { period, scope: { teamId: team.id } },
    team.manager,
  )) as { forecast: { team: { figures: { commit: { amount: string } }; adjusted: { note: string } | null } | null } };
  if (current.forecast.team?.adjusted) return;
  await graphql(
    `
      mutation ($teamId: String!, $period: ForecastPeriodInput!, $commit: String, $bestCase: String, $note: String) {
        adjustTeamForecast(teamId: $teamId, period: $period, commit: $commit, bestCase: $bestCase, note: $note) {
          id
        }
      }
    `,
    {
      teamId: team.id,
      period,
      commit: '4860000.00',
      bestCase: '7250000.00',
      note: '华东区：两个大单预计本季度签约 (two large deals expected to sign this quarter)',
    },
    team.manager,
  );
}
