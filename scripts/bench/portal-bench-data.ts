// The portal benchmark's data, written straight into the stack's service databases (their own migrated schema): two
// demo reps of one team, each owning accounts and a pipeline of open deals on those accounts — rep A many, rep B few.
// The sales service's account facts (normally projected from the customer service's events) are written alongside.
import { randomUUID } from 'node:crypto';
import { demoUser } from '@crm/testing';
import { normalizeCompanyName } from '../../services/customer/src/domain/company-name';
import { normalizeEmail } from '../../services/customer/src/domain/email-address';
import { accountRecord } from './bench-accounts';
import { insertBenchExchangeRates } from './bench-exchange-rates';
import { withClient } from './bench-postgres';

export interface PortalBenchRep {
  username: string;
  accounts: number;
  /** One pipeline per entry, with that many open deals. */
  pipelines: readonly number[];
}

export interface SeededPipeline {
  id: string;
  openDeals: number;
  /** Open deals per open stage, in stage order. */
  dealsPerStage: number[];
}

export interface SeededRep {
  username: string;
  userId: string;
  accounts: number;
  pipelines: SeededPipeline[];
}

/** The open stages of every bench pipeline, then the closed ones (the board shows only the open ones). */
export const benchStages = ['Lead', 'Qualified', 'Discovery', 'Proposal', 'Negotiation', 'Commit'] as const;
const closedStages = ['Won', 'Lost'] as const;
const team = 'sales-east';
const grades = ['A', 'B', 'C'] as const;
const lifecycleStages = ['prospect', 'customer', 'customer', 'churned'] as const;

/** `count` accounts owned by `userId` in the team, named and keyed as the customer service would. */
async function insertAccounts(
  databaseUrl: string,
  userId: string,
  first: number,
  count: number,
): Promise<{ id: string; grade: string }[]> {
  const rows = Array.from({ length: count }, (_, k) => {
    const record = accountRecord(first + k);
    const email = normalizeEmail(record.email) ?? record.email.toLowerCase();
    return {
      id: randomUUID(),
      name: record.name,
      nameKey: normalizeCompanyName(record.name),
      industry: record.industry,
      email,
      tags: record.tags ? record.tags.split(', ') : [],
      grade: grades[(first + k) % grades.length],
      stage: lifecycleStages[(first + k) % lifecycleStages.length],
    };
  });
  await withClient(databaseUrl, async (c) => {
    await c.query(
      `INSERT INTO accounts (id, name, name_key, industry, emails, email_keys, tags, grade, lifecycle_stage, owner_id,
         team_id, created_by, created_at, updated_by, updated_at, last_activity_at)
       SELECT r.id, r.name, r.name_key, r.industry, ARRAY[r.email], ARRAY[r.email],
              COALESCE((SELECT array_agg(t) FROM jsonb_array_elements_text(r.tags) AS t), '{}'), r.grade, r.stage,
              $9::uuid, $10, 'bench', now() - make_interval(days => (r.n % 700)::int), 'bench', now(),
              now() - make_interval(hours => (r.n % 2000)::int)
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])
              WITH ORDINALITY AS r(id, name, name_key, industry, email, tags, grade, stage, n)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.name),
        rows.map((r) => r.nameKey),
        rows.map((r) => r.industry),
        rows.map((r) => r.email),
        rows.map((r) => JSON.stringify(r.tags)),
        rows.map((r) => r.grade),
        rows.map((r) => r.stage),
        userId,
        team,
      ],
    );
    await c.query('ANALYZE accounts');
  });
  return rows.map((r) => ({ id: r.id, grade: r.grade }));
}

/** One pipeline with its stages and `openDeals` open deals of `userId` on `accountIds`, in three currencies. */
async function insertPipeline(
  databaseUrl: string,
  userId: string,
  name: string,
  accountIds: readonly string[],
  openDeals: number,
): Promise<SeededPipeline> {
  const pipelineId = randomUUID();
  const stages = [...benchStages, ...closedStages];
  const stageIds = stages.map(() => randomUUID());
  await withClient(databaseUrl, async (c) => {
    await c.query(
      `INSERT INTO pipelines (id, name, business_line, is_default, created_by, created_at, updated_by, updated_at)
       VALUES ($1, $2, 'Software', false, 'bench', now(), 'bench', now())`,
      [pipelineId, name],
    );
    for (const [i, stage] of stages.entries()) {
      const kind = stage === 'Won' ? 'won' : stage === 'Lost' ? 'lost' : 'open';
      await c.query(
        `INSERT INTO pipeline_stages (id, pipeline_id, position, name, kind, probability, forecast_category)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          stageIds[i],
          pipelineId,
          i,
          stage,
          kind,
          kind === 'won' ? 100 : kind === 'lost' ? 0 : 10 + i * 10,
          kind === 'won' ? 'closed' : kind === 'lost' ? 'omitted' : 'pipeline',
        ],
      );
    }
    await c.query(
      `INSERT INTO opportunities (id, name, account_id, owner_id, team_id, pipeline_id, stage_id, status, amount,
         currency, probability, expected_close_on, stage_entered_at, created_by, created_at, updated_by, updated_at)
       SELECT gen_random_uuid(), 'Deal ' || g, ($1::uuid[])[1 + g % cardinality($1::uuid[])], $2, $3, $4,
              ($5::uuid[])[1 + g % ${benchStages.length}], 'open', (g * 7919 % 1000000) / 100.0,
              (ARRAY['CNY', 'USD', 'EUR'])[1 + g % 3], 20, current_date + (g % 120), now() - make_interval(days => g % 30),
              'bench', now(), 'bench', now() - make_interval(secs => g)
         FROM generate_series(1, $6::int) AS g`,
      [accountIds, userId, team, pipelineId, stageIds.slice(0, benchStages.length), openDeals],
    );
  });
  const dealsPerStage = benchStages.map((_, s) => {
    let n = 0;
    for (let g = 1; g <= openDeals; g++) if (g % benchStages.length === s) n += 1;
    return n;
  });
  return { id: pipelineId, openDeals, dealsPerStage };
}

/** Writes every rep's accounts and pipeline; the sales service learns the accounts' owner, team and grade as facts. */
export async function seedPortalBench(
  databases: { customer: string; sales: string },
  reps: readonly PortalBenchRep[],
): Promise<SeededRep[]> {
  const seeded: SeededRep[] = [];
  let first = 0;
  for (const rep of reps) {
    const userId = demoUser(rep.username).id;
    const accounts = await insertAccounts(databases.customer, userId, first, rep.accounts);
    const accountIds = accounts.map((a) => a.id);
    first += rep.accounts;
    await withClient(databases.sales, (c) =>
      c.query(
        `INSERT INTO account_facts (account_id, owner_id, team_id, grade, updated_at)
         SELECT a, $3::uuid, $4, g, now() FROM unnest($1::uuid[], $2::text[]) AS x(a, g)`,
        [accountIds, accounts.map((a) => a.grade), userId, team],
      ),
    );
    const pipelines: SeededPipeline[] = [];
    for (const openDeals of rep.pipelines)
      pipelines.push(
        await insertPipeline(
          databases.sales,
          userId,
          `Bench ${rep.username} (${openDeals} deals)`,
          accountIds,
          openDeals,
        ),
      );
    seeded.push({ username: rep.username, userId, accounts: rep.accounts, pipelines });
  }
  await withClient(databases.sales, async (c) => {
    await insertBenchExchangeRates(c);
    await c.query('ANALYZE');
  });
  return seeded;
}
