import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { demoUser, keycloakIssuer, repoRoot, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';

const run = promisify(execFile);

describe('make seed', () => {
  let stack: Stack;
  let sales: Client;
  let tickets: Client;

  beforeAll(async () => {
    stack = await startE2eStack('seed');
    sales = new Client({ connectionString: stack.databases['sales-pipeline'] });
    await sales.connect();
    tickets = new Client({ connectionString: stack.databases['service-ticket'] });
    await tickets.connect();
  }, 120_000);
  afterAll(async () => {
    await tickets?.end();
    await sales?.end();
    await stack?.stop();
  });

  const seed = () =>
    run('node', ['--import', 'tsx', 'scripts/seed.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        SEED_ACCOUNTS: '24',
        SEED_DEAL_ACCOUNTS: '18',
        SEED_TICKETS: '12',
        GATEWAY_URL: stack.urls.gateway,
        CUSTOMER_GRPC_ADDRESS: stack.urls.customerGrpc,
        KEYCLOAK_ISSUER: keycloakIssuer(),
      },
    });

  const counts = async () =>
    (
      await sales.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM pipelines) AS pipelines,
                (SELECT count(*)::int FROM opportunities) AS deals,
                (SELECT count(DISTINCT stage_id)::int FROM opportunities) AS stages_used,
                (SELECT count(*)::int FROM pipeline_stages) AS stages,
                (SELECT count(*)::int FROM opportunities WHERE status = 'won') AS won,
                (SELECT count(*)::int FROM opportunities WHERE status = 'lost' AND loss_reason IS NOT NULL) AS lost,
                (SELECT count(*)::int FROM opportunities WHERE owner_id IN ($1, $2, $3, $4)) AS reps_deals,
                (SELECT count(*)::int FROM opportunity_stage_history WHERE from_stage_id IS NOT NULL) AS moves,
                (SELECT count(*)::int FROM exchange_rates) AS rates,
                (SELECT count(DISTINCT currency)::int FROM exchange_rates) AS rate_currencies,
                (SELECT count(*)::int FROM products) AS products,
                (SELECT count(*)::int FROM price_book_entries) AS prices,
                (SELECT count(DISTINCT opportunity_id)::int FROM opportunity_line_items) AS priced_deals,
                (SELECT count(*)::int FROM quotes WHERE status = 'approved') AS quotes_approved,
                (SELECT count(*)::int FROM quotes WHERE status = 'approved' AND needs_approval) AS quotes_manager_approved,
                (SELECT count(*)::int FROM quotes WHERE status = 'rejected' AND decision_comment <> '') AS quotes_rejected,
                (SELECT count(*)::int FROM quotes WHERE status = 'submitted') AS quotes_awaiting,
                (SELECT count(*)::int FROM quotes WHERE status = 'accepted') AS quotes_accepted,
                (SELECT count(*)::int FROM contracts WHERE status = 'signed') AS contracts_signed,
                (SELECT count(*)::int FROM instalments) AS instalments,
                (SELECT count(*)::int FROM instalments WHERE due_on < current_date) AS instalments_past_due_date,
                (SELECT count(*)::int FROM instalments WHERE due_on BETWEEN current_date AND current_date + 7)
                  AS instalments_due_soon,
                (SELECT count(*)::int FROM payments WHERE source = 'receipt') AS receipts,
                (SELECT count(*)::int FROM payments WHERE source = 'finance') AS finance_payments,
                (SELECT count(*)::int FROM invoices) AS invoices,
                (SELECT count(*)::int FROM quotas) AS quotas,
                (SELECT count(*)::int FROM forecast_adjustments) AS adjustments,
                (SELECT count(*)::int FROM forecast_snapshots) AS snapshots`,
        ['rep.east1', 'rep.east2', 'rep.south1', 'rep.south2'].map((u) => demoUser(u).id),
      )
    ).rows[0]!;

  const ticketCounts = async () =>
    (
      await tickets.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM tickets) AS tickets,
                (SELECT count(DISTINCT account_id)::int FROM tickets) AS accounts,
                (SELECT count(*)::int FROM tickets WHERE status = 'new' AND agent_id IS NULL) AS queued,
                (SELECT count(*)::int FROM tickets WHERE status = 'assigned') AS assigned,
                (SELECT count(*)::int FROM tickets WHERE status = 'in_progress') AS in_progress,
                (SELECT count(*)::int FROM tickets WHERE status = 'waiting_on_customer') AS waiting,
                (SELECT count(*)::int FROM tickets WHERE status = 'resolved' AND resolution_summary <> ''
                   AND root_cause_category IS NOT NULL) AS resolved,
                (SELECT count(*)::int FROM tickets WHERE status = 'closed' AND root_cause_category IS NOT NULL) AS closed,
                (SELECT count(*)::int FROM ticket_status_history WHERE from_status IN ('resolved', 'closed')
                   AND reason IS NOT NULL) AS reopened,
                (SELECT count(*)::int FROM tickets WHERE complaint) AS complaints,
                (SELECT count(*)::int FROM tickets WHERE subject ~ '[\u4e00-\u9fff]') AS chinese,
                (SELECT count(*)::int FROM tickets WHERE created_by = ANY($1::text[])) AS by_service_team,
                (SELECT count(*)::int FROM ticket_messages WHERE kind = 'reply') AS replies,
                (SELECT count(*)::int FROM ticket_messages WHERE kind = 'note') AS notes,
                (SELECT count(*)::int FROM tickets WHERE first_response_at IS NOT NULL) AS answered`,
        [['agent1', 'agent2', 'service.manager'].map((u) => demoUser(u).id)],
      )
    ).rows[0]!;

  it('loads pipelines, deals in every stage with their commerce and money, and a second run adds nothing', async () => {
    await seed();
    const first = await counts();
    // 18 deals over both pipelines' 13 stages in turn: 2 won (one per pipeline), 2 lost; figures follow the seed's
    // scenarios (scripts/seed-sales*.ts), written out here by hand.
    expect(first).toMatchObject({ pipelines: 2, deals: 18, stages_used: first.stages, reps_deals: 18 });
    expect(first.stages).toBe(13);
    expect(first).toMatchObject({ won: 2, lost: 2, rates: 18, rate_currencies: 3, products: 8, prices: 16 });
    expect(first.moves).toBeGreaterThanOrEqual(4 + 3 + 2);
    expect(first.priced_deals).toBeGreaterThanOrEqual(10);
    expect(first).toMatchObject({
      quotes_rejected: 1,
      quotes_awaiting: 1,
      quotes_accepted: 2,
      contracts_signed: 2,
      instalments: 7,
      receipts: 2,
      finance_payments: 1,
      invoices: 1,
      quotas: 8,
      adjustments: 1,
      snapshots: 1,
    });
    expect(first.quotes_approved).toBeGreaterThanOrEqual(2);
    expect(first.quotes_manager_approved).toBeGreaterThanOrEqual(1);
    expect(first.instalments_past_due_date).toBe(3);
    expect(first.instalments_due_soon).toBe(2);
    // 12 tickets: one of each scenario of scripts/seed-tickets.ts, on 12 accounts, counted here by hand.
    const firstTickets = await ticketCounts();
    expect(firstTickets).toEqual({
      tickets: 12,
      accounts: 12,
      queued: 3,
      assigned: 2,
      in_progress: 2,
      waiting: 2,
      resolved: 2,
      closed: 1,
      reopened: 1,
      complaints: 3,
      chinese: 7,
      by_service_team: 12,
      replies: 8,
      notes: 2,
      answered: 8,
    });
    await seed();
    expect(await counts()).toEqual(first);
    expect(await ticketCounts()).toEqual(firstTickets);
  }, 600_000);
});
