// A won deal's money: the rep makes and signs the contract from the accepted quote and sets its payment plan (回款);
// some instalments are paid by receipts entered in the CRM, some by the finance system's write-back as the crm-finance
// service account, some are due soon and some overdue. Every step checks what exists first, so a re-run adds nothing.
import { Decimal } from 'decimal.js';
import type { SeedDeal } from './seed-sales';
import type { SeedGraphql } from './seed-sales-callers';
import { dealState } from './seed-sales-deal-flow';

const financeSystem = { serviceAccount: 'crm-finance' };
const day = (today: string, offset: number) =>
  new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);

/** Instalment shares (percent of the value, the last one the remainder when they add up to 100) and due days. */
const plans = [
  { shares: [30, 30, 20, 20], due: [-60, -12, 4, 90], signedDaysAgo: 80 },
  { shares: [40, 30, 30], due: [-30, 3, 120], signedDaysAgo: 45 },
  // 10 % left unplanned: the customer pays the rest after acceptance, not yet scheduled.
  { shares: [50, 40], due: [-40, 60], signedDaysAgo: 70 },
];

/** What the seed reads of each instalment: whether it is paid already, and what is left to pay. */
const instalmentFields = 'id sequence paid { amount } outstanding { amount }';

interface PlanRead {
  version: number;
  contractValue: { amount: string; currencyCode: string };
  instalments: { id: string; sequence: number; paid: { amount: string }; outstanding: { amount: string } }[];
}

export async function seedContractAndPaymentPlan(graphql: SeedGraphql, deal: SeedDeal, today: string): Promise<void> {
  const state = await dealState(graphql, deal);
  const accepted = state.quotes.find((q) => q.status === 'ACCEPTED');
  if (state.status !== 'WON' || !accepted) return;
  const plan = plans[deal.seq % plans.length]!;
  let contract = state.contracts[0];
  if (!contract) {
    const created = (await graphql(
      `
        mutation ($input: CreateContractInput!) {
          createContract(input: $input) {
            id
            status
          }
        }
      `,
      {
        input: {
          quoteId: accepted.id,
          startOn: day(today, -plan.signedDaysAgo + 1),
          termMonths: [12, 24, 36][deal.seq % 3],
          idempotencyKey: `seed-contract-${accepted.id}`,
        },
      },
      deal.owner,
    )) as { createContract: { id: string; status: string } };
    contract = created.createContract;
  }
  if (contract.status === 'DRAFT') {
    await graphql(
      `
        mutation ($id: ID!, $on: Date!) {
          signContract(id: $id, signedOn: $on) {
            id
          }
        }
      `,
      { id: contract.id, on: day(today, -plan.signedDaysAgo) },
      deal.owner,
    );
  }
  const current = await readPlan(graphql, deal, contract.id);
  const instalments = current.version ? current.instalments : await setPlan(graphql, deal, contract.id, current, today);
  await payFirstInstalments(graphql, deal, contract.id, current.contractValue.currencyCode, instalments, today);
}

async function readPlan(graphql: SeedGraphql, deal: SeedDeal, contractId: string): Promise<PlanRead> {
  const data = (await graphql(
    `
      query ($id: ID!) {
        paymentPlan(contractId: $id) {
          version
          contractValue {
            amount
            currencyCode
          }
          instalments { ${instalmentFields} }
        }
      }
    `,
    { id: contractId },
    deal.owner,
  )) as { paymentPlan: PlanRead };
  return data.paymentPlan;
}

async function setPlan(
  graphql: SeedGraphql,
  deal: SeedDeal,
  contractId: string,
  current: PlanRead,
  today: string,
): Promise<PlanRead['instalments']> {
  const plan = plans[deal.seq % plans.length]!;
  const value = new Decimal(current.contractValue.amount);
  const whole = plan.shares.reduce((a, b) => a + b, 0) === 100;
  let planned = new Decimal(0);
  const instalments = plan.shares.map((share, i) => {
    const last = whole && i === plan.shares.length - 1;
    const amount = last ? value.minus(planned) : value.times(share).div(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    planned = planned.plus(amount);
    return { dueOn: day(today, plan.due[i]!), amount: amount.toFixed(2) };
  });
  const data = (await graphql(
    `
      mutation ($id: ID!, $instalments: [InstalmentInput!]!) {
        setPaymentPlan(contractId: $id, instalments: $instalments, expectedVersion: 0) {
          instalments { ${instalmentFields} }
        }
      }
    `,
    { id: contractId, instalments },
    deal.owner,
  )) as { setPaymentPlan: { instalments: PlanRead['instalments'] } };
  return data.setPaymentPlan.instalments;
}

/**
 * The first instalment is paid in full: by the finance system (an invoice, then the payment) on every other deal,
 * else by a receipt the rep enters. The second, on the first plan, is half paid by a receipt and stays overdue.
 */
async function payFirstInstalments(
  graphql: SeedGraphql,
  deal: SeedDeal,
  contractId: string,
  currency: string,
  instalments: PlanRead['instalments'],
  today: string,
): Promise<void> {
  const plan = plans[deal.seq % plans.length]!;
  const [first, second] = [...instalments].sort((a, b) => a.sequence - b.sequence);
  if (plan === plans[2]) return; // the third plan's first instalment stays unpaid: overdue.
  if (first && new Decimal(first.paid.amount).isZero()) {
    const amount = first.outstanding.amount;
    const paidOn = day(today, plan.due[0]! + 5);
    if (deal.seq % 2 === 0) {
      const reference = `ERP-${deal.seq}-${first.id.slice(0, 8)}`;
      const against = { contractId, instalmentId: first.id, amount, currency };
      await writeBack(graphql, 'Invoice', {
        ...against,
        externalReference: `INV-${reference}`,
        issuedOn: day(today, plan.due[0]! - 10),
      });
      await writeBack(graphql, 'Payment', {
        ...against,
        externalReference: `PAY-${reference}`,
        receivedAt: `${paidOn}T02:30:00Z`,
      });
    } else {
      await receipt(graphql, deal, first.id, amount, paidOn);
    }
  }
  if (plan === plans[0] && second && new Decimal(second.paid.amount).isZero()) {
    const half = new Decimal(second.outstanding.amount).div(2).toDecimalPlaces(2, Decimal.ROUND_DOWN).toFixed(2);
    await receipt(graphql, deal, second.id, half, day(today, -3));
  }
}

/** The finance system's write-back (recordInvoice or recordPayment), idempotent by its external reference. */
async function writeBack(graphql: SeedGraphql, kind: 'Invoice' | 'Payment', input: Record<string, unknown>) {
  await graphql(
    `mutation ($input: Record${kind}Input!) { record${kind}(input: $input) { id } }`,
    { input },
    financeSystem,
  );
}

async function receipt(graphql: SeedGraphql, deal: SeedDeal, instalmentId: string, amount: string, on: string) {
  await graphql(
    `
      mutation ($id: ID!, $amount: String!, $on: Date!, $key: String) {
        recordReceipt(instalmentId: $id, amount: $amount, receivedOn: $on, idempotencyKey: $key) {
          id
        }
      }
    `,
    { id: instalmentId, amount, on, key: `seed-receipt-${instalmentId}` },
    deal.owner,
  );
}
