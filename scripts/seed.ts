// `make seed`: realistic demo data loaded into the running dev stack (`make dev`) through its gRPC and GraphQL APIs.
// Re-running adds nothing twice: accounts are created with the BLOCK duplicate policy.
import { customerV1 } from '@crm/contracts';
import { Metadata } from '@grpc/grpc-js';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import { clientCredentialsToken, passwordToken } from '@crm/testing';
import { companyName, industries, mobile, personName, pick, rng, tagPool, titles, usccFor } from './lib/demo-data';
import { seedSales } from './seed-sales';
import { seedTickets } from './seed-tickets';
import type { SeedCaller, SeedGraphql } from './seed-sales-callers';

const ACCOUNTS = Number(process.env.SEED_ACCOUNTS ?? 600);
/** How many owned accounts get a deal (each pipeline stage in turn). */
const DEAL_ACCOUNTS = Number(process.env.SEED_DEAL_ACCOUNTS ?? 140);
/** How many service tickets (the scenarios of seed-tickets.ts in turn, one per account). */
const TICKETS = Number(process.env.SEED_TICKETS ?? 36);
const grpcAddress = process.env.CUSTOMER_GRPC_ADDRESS ?? '127.0.0.1:50051';
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
// Demo owners (the sales reps of the Keycloak realm's demo users) and their teams.
const owners = [
  { id: '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a01', team: 'sales-east' },
  { id: '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a02', team: 'sales-east' },
  { id: '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a03', team: 'sales-south' },
  { id: '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a04', team: 'sales-south' },
];
const grades = [
  customerV1.Grade.A,
  customerV1.Grade.B,
  customerV1.Grade.B,
  customerV1.Grade.C,
  customerV1.Grade.C,
  customerV1.Grade.C,
];
const stages = [
  customerV1.LifecycleStage.PROSPECT,
  customerV1.LifecycleStage.CUSTOMER,
  customerV1.LifecycleStage.CUSTOMER,
  customerV1.LifecycleStage.CHURNED,
];
const kinds = [
  customerV1.ActivityKind.CALL,
  customerV1.ActivityKind.VISIT,
  customerV1.ActivityKind.MEETING,
  customerV1.ActivityKind.EMAIL,
  customerV1.ActivityKind.WECHAT,
  customerV1.ActivityKind.NOTE,
];
const subjects = [
  '电话跟进报价',
  '上门拜访采购部',
  'Quarterly business review',
  '微信沟通续约',
  'Demo of the new module',
  '发送合同草案',
  'Follow-up on the pilot',
  '年度框架协议洽谈',
];

// The accounts are loaded as the development admin, the sales data as the users who would enter it (crm-test client,
// password grant: development only), finance's write-back as the crm-finance service account.
process.env.CRM_TEST_KEYCLOAK_URL ??= process.env.KEYCLOAK_ISSUER ?? 'http://127.0.0.1:8080/realms/crm';
const tokens = new Map<string, { value: string; expires: number }>();
async function tokenOf(as: SeedCaller): Promise<string> {
  const key = typeof as === 'string' ? as : `service:${as.serviceAccount}`;
  const cached = tokens.get(key);
  if (cached && cached.expires > Date.now() + 30_000) return cached.value;
  const t = typeof as === 'string' ? await passwordToken(as) : await clientCredentialsToken(as.serviceAccount);
  tokens.set(key, { value: t.accessToken, expires: t.claims.exp * 1000 });
  return t.accessToken;
}
const adminToken = () => tokenOf('admin1');

async function auth(): Promise<{ metadata: Metadata }> {
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${await adminToken()}`);
  return { metadata };
}

const graphql: SeedGraphql = async (query, variables, as = 'admin1') => {
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(as)}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (body.errors?.length) {
    const who = typeof as === 'string' ? as : as.serviceAccount;
    throw new Error(`${who}: ${body.errors.map((e) => e.message).join('; ')}\n${query.trim().split('\n')[0]}`);
  }
  return body.data ?? {};
};

async function main(): Promise<void> {
  const client = createGrpcClient(customerV1.CustomerServiceClient, grpcAddress, { deadlineMs: 10_000 });
  let created = 0;
  let skipped = 0;
  let contacts = 0;
  let activities = 0;
  for (let i = 0; i < ACCOUNTS; i++) {
    // One generator per account: a re-run produces the same accounts, so BLOCK finds them all.
    const r = rng(20261123 + i);
    const company = companyName(r, i);
    const owner = r() < 0.85 ? pick(r, owners) : null;
    const res = await callUnary<customerV1.CreateAccountRequest, customerV1.CreateAccountResponse>(
      client.createAccount.bind(client),
      {
        account: {
          ...customerV1.AccountInput.fromPartial({}),
          name: company.name,
          taxId: company.chinese ? usccFor(r) : '',
          industry: pick(r, industries),
          size: 1 + Math.floor(r() * 5),
          website: `https://www.${company.domain}`,
          phones: [mobile(r, company.chinese)],
          emails: [`info@${company.domain}`],
          tags: [...new Set([pick(r, tagPool), pick(r, tagPool)])],
          grade: pick(r, grades),
          lifecycleStage: pick(r, stages),
          ownerId: owner?.id ?? '',
          teamId: owner?.team ?? '',
        },
        duplicatePolicy: customerV1.DuplicatePolicy.BLOCK,
        idempotencyKey: '',
      },
      await auth(),
    );
    if (!res.account) {
      skipped++;
      continue;
    }
    created++;
    const people = 1 + Math.floor(r() * 3);
    for (let c = 0; c < people; c++) {
      await graphql(
        `
          mutation ($i: ContactInput!) {
            createContact(input: $i) {
              id
            }
          }
        `,
        {
          i: {
            accountId: res.account.id,
            name: personName(r, company.chinese),
            title: pick(r, titles),
            phones: [mobile(r, company.chinese)],
            emails: [`contact${c}@${company.domain}`],
            preferredChannel: company.chinese ? 'WECHAT' : 'EMAIL',
            consentEmail: r() < 0.7,
            consentWechat: company.chinese,
          },
        },
      );
      contacts++;
    }
    const follows = 3 + Math.floor(r() * 6);
    for (let a = 0; a < follows; a++) {
      const occurredAt = new Date(Date.now() - Math.floor(r() * 180) * 86_400_000 - Math.floor(r() * 86_400_000));
      await callUnary(
        client.logActivity.bind(client),
        {
          ...customerV1.LogActivityRequest.fromPartial({}),
          accountId: res.account.id,
          kind: pick(r, kinds),
          subject: pick(r, subjects),
          outcome: r() < 0.5 ? '客户有意向，等待预算审批' : 'Positive, waiting for budget approval',
          nextStep: r() < 0.5 ? '下周发送报价单' : 'Send the quote next week',
          occurredAt,
          nextFollowUpAt: new Date(occurredAt.getTime() + 7 * 86_400_000),
        },
        await auth(),
      );
      activities++;
    }
  }
  client.close();
  process.stdout.write(
    `seed: ${created} accounts created (${skipped} already there), ${contacts} contacts, ${activities} activities\n`,
  );
  const check = await graphql(
    `
      {
        accounts(first: 3, sort: { field: NAME }) {
          edges {
            node {
              name
              grade
              ownerId
            }
          }
        }
      }
    `,
    {},
  );
  process.stdout.write(`seed: through the gateway: ${JSON.stringify(check)}\n`);
  const sales = await seedSales(graphql, DEAL_ACCOUNTS);
  process.stdout.write(
    `seed: sales: ${sales.pipelines} pipelines, ${sales.deals} deals (${sales.created} new) with their rates, price book, line items, quotes, moves, contracts, payment plans, quotas and forecast adjustment\n`,
  );
  const tickets = await seedTickets(graphql, TICKETS);
  process.stdout.write(`seed: service: ${tickets.tickets} tickets (${tickets.created} new) in every status\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`seed: ${error instanceof Error ? error.message : String(error)}\n(is \`make dev\` running?)\n`);
  process.exit(1);
});
