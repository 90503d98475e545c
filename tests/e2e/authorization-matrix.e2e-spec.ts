import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { Client } from 'pg';
import { customerV1 } from '@crm/contracts';
import { NotAllowedError, NotFoundError } from '@crm/platform/errors';
import { callUnary, createGrpcClient } from '@crm/platform/grpc';
import { demoUser, type Stack } from '@crm/testing';
import { startE2eStack } from './e2e-stack';
import { graphqlClient } from './gateway-client';

// The authorization matrix of issue 4: every role × relation × operation against the customer service, through the
// gateway (GraphQL), through gRPC straight to the service, through the subgraph's federation entry point (_entities)
// and through the CSV export on the service's HTTP port. The expected answers are written out by hand in EXPECTED
// below, from the rules of the issue ("Authorization, in the service that owns the data"); nothing here calls the
// policy code, so a wrong policy makes cases fail.

// ---------------------------------------------------------------------------------------------------------------
// Subjects, relations, operations
// ---------------------------------------------------------------------------------------------------------------

const ROLES = ['rep.east1', 'manager.east', 'agent1', 'finance1', 'auditor1', 'admin1'] as const;
type Role = (typeof ROLES)[number];

/**
 * The fixture accounts, named from rep.east1's point of view. What each one is to the other subjects:
 *
 * | account     | owner / team             | rep.east1         | manager.east (sales-east) | agent1         | finance1, auditor1, admin1 |
 * | ----------- | ------------------------ | ----------------- | ------------------------- | -------------- | -------------------------- |
 * | OWN         | rep.east1 / sales-east   | owns it           | their team's              | unrelated      | any account                |
 * | TEAM        | rep.east2 / sales-east   | a teammate's      | their team's              | unrelated      | any account                |
 * | SHARED_READ | rep.south1 / sales-south | read share        | other team's              | unrelated      | any account                |
 * | REQUESTED   | rep.south1 / sales-south | approved edit req | other team's              | unrelated      | any account                |
 * | POOL        | none / none              | in the pool       | in the pool (no team)     | unrelated      | any account                |
 * | OTHER_TEAM  | rep.south1 / sales-south | other team's      | other team's              | unrelated      | any account                |
 * | TICKET      | rep.south1 / sales-south | other team's      | other team's              | their ticket's | any account                |
 */
const RELATIONS = ['OWN', 'TEAM', 'SHARED_READ', 'REQUESTED', 'POOL', 'OTHER_TEAM', 'TICKET'] as const;
type Relation = (typeof RELATIONS)[number];

type YN = 'Y' | 'N';
/** A sensitive field read: the value, null with the field in extensions.redactedFields, or the account refused. */
type SensitiveRead = 'value' | 'redacted' | 'forbidden';
/** GET /exports/accounts.csv: 403, or 200 without the account's row, with it, or with it and its credit terms. */
type ExportRead = '403' | 'no row' | 'row' | 'row+terms';
/** customerFieldHistory of a sensitive field (the audit log): refused, rows with the values hidden, or rows with the values. */
type HistoryRead = 'forbidden' | 'hidden' | 'value';

interface Expectation {
  /** account(id) / GetAccount, GetAccountOwner, BatchGetAccounts; also whether _entities resolves it. */
  read: YN;
  /** accounts(...) / SearchAccounts include it. */
  list: YN;
  /** updateAccount / UpdateAccount of a harmless field (tags). */
  update: YN;
  /** deleteAccount + restoreAccount / DeleteAccount + RestoreAccount. */
  del: YN;
  /** logActivity / LogActivity. */
  activity: YN;
  /** createContact on the account. */
  contact: YN;
  /** creditLimit, paymentTerms, bankName, bankAccount, taxRegistration (also through _entities). */
  sensitive: SensitiveRead;
  /** updateAccountTerms. */
  terms: YN;
  /** shareAccount (read, to a third user). */
  share: YN;
  export: ExportRead;
  /** customerFieldHistory (field bankAccount) and customerAuditTrail of the account: the before/after of the terms finance set. */
  history: HistoryRead;
  /** claimAccount: only for POOL (a fresh pool account per case). */
  claim?: YN;
}

const e = (
  read: YN,
  list: YN,
  update: YN,
  del: YN,
  activity: YN,
  contact: YN,
  sensitive: SensitiveRead,
  terms: YN,
  share: YN,
  exportRead: ExportRead,
  history: HistoryRead,
  claim?: YN,
): Expectation => ({
  read,
  list,
  update,
  del,
  activity,
  contact,
  sensitive,
  terms,
  share,
  export: exportRead,
  history,
  ...(claim ? { claim } : {}),
});

// The rules of issue 4, written out per role × relation × operation:
// - A rep sees and edits what they own. Anything else only through a share (read or edit, by the owner or a manager)
//   or an approved access request (here: edit), or as an unowned account in the pool, which any rep may claim.
// - A manager sees (and edits, as the team's lead) the accounts of their team; the pool like a rep.
// - A service agent sees the accounts of their tickets; they log follow-ups on them (an activity may name its
//   ticket), and change nothing else.
// - Finance reads every account read-only; finance and crm-admin alone write the credit and bank terms.
// - crm-admin sees and changes all; the auditor reads all and changes nothing.
// - Sensitive fields: finance, the manager of the account's team and crm-admin; null plus redactedFields for others.
// - Sharing: the owner, the team's manager or crm-admin (a grantee does not share further).
// - Export: the roles holding the export permission. The issue leaves open which those are; the service grants it to
//   crm-admin, sales managers and finance (policy/export-permission.ts), and reps, agents and auditors get 403.
//   The file holds the rows the caller may read, with the credit terms only where they may read those.
// - The audit log (field history) is for auditors and crm-admin (the service's rule; the issue names the auditor).
//   It records the before and after of every field, but the field-level rule still holds there: an auditor reads
//   all and is not among those who may read credit and bank data, so the values must not reach them that way.
// prettier-ignore
const EXPECTED: Record<Role, Record<Relation, Expectation>> = {
  //                read  list  upd   del   act   cont  sensitive    terms share export       history      claim
  'rep.east1': {
    OWN:         e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'redacted',   'N',  'Y',  '403',        'forbidden'),
    TEAM:        e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  '403',        'forbidden'),
    SHARED_READ: e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  '403',        'forbidden'),
    REQUESTED:   e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'redacted',   'N',  'N',  '403',        'forbidden'),
    POOL:        e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  '403',        'forbidden',  'Y'),
    OTHER_TEAM:  e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  '403',        'forbidden'),
    TICKET:      e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  '403',        'forbidden'),
  },
  'manager.east': {
    OWN:         e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'value',      'N',  'Y',  'row+terms',  'forbidden'),
    TEAM:        e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'value',      'N',  'Y',  'row+terms',  'forbidden'),
    SHARED_READ: e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  'no row',     'forbidden'),
    REQUESTED:   e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  'no row',     'forbidden'),
    POOL:        e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  'row',        'forbidden',  'Y'),
    OTHER_TEAM:  e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  'no row',     'forbidden'),
    TICKET:      e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  'no row',     'forbidden'),
  },
  agent1: {
    OWN:         e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  '403',        'forbidden'),
    TEAM:        e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  '403',        'forbidden'),
    SHARED_READ: e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  '403',        'forbidden'),
    REQUESTED:   e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  '403',        'forbidden'),
    POOL:        e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  '403',        'forbidden',  'N'),
    OTHER_TEAM:  e('N',  'N',  'N',  'N',  'N',  'N',  'forbidden',  'N',  'N',  '403',        'forbidden'),
    TICKET:      e('Y',  'Y',  'N',  'N',  'Y',  'N',  'redacted',   'N',  'N',  '403',        'forbidden'),
  },
  finance1: {
    OWN:         e('Y',  'Y',  'N',  'N',  'N',  'N',  'value',      'Y',  'N',  'row+terms',  'forbidden'),
    TEAM:        e('Y',  'Y',  'N',  'N',  'N',  'N',  'value',      'Y',  'N',  'row+terms',  'forbidden'),
    SHARED_READ: e('Y',  'Y',  'N',  'N',  'N',  'N',  'value',      'Y',  'N',  'row+terms',  'forbidden'),
    REQUESTED:   e('Y',  'Y',  'N',  'N',  'N',  'N',  'value',      'Y',  'N',  'row+terms',  'forbidden'),
    POOL:        e('Y',  'Y',  'N',  'N',  'N',  'N',  'value',      'Y',  'N',  'row+terms',  'forbidden',  'N'),
    OTHER_TEAM:  e('Y',  'Y',  'N',  'N',  'N',  'N',  'value',      'Y',  'N',  'row+terms',  'forbidden'),
    TICKET:      e('Y',  'Y',  'N',  'N',  'N',  'N',  'value',      'Y',  'N',  'row+terms',  'forbidden'),
  },
  auditor1: {
    OWN:         e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  '403',        'hidden'),
    TEAM:        e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  '403',        'hidden'),
    SHARED_READ: e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  '403',        'hidden'),
    REQUESTED:   e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  '403',        'hidden'),
    POOL:        e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  '403',        'hidden',     'N'),
    OTHER_TEAM:  e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  '403',        'hidden'),
    TICKET:      e('Y',  'Y',  'N',  'N',  'N',  'N',  'redacted',   'N',  'N',  '403',        'hidden'),
  },
  admin1: {
    OWN:         e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'value',      'Y',  'Y',  'row+terms',  'value'),
    TEAM:        e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'value',      'Y',  'Y',  'row+terms',  'value'),
    SHARED_READ: e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'value',      'Y',  'Y',  'row+terms',  'value'),
    REQUESTED:   e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'value',      'Y',  'Y',  'row+terms',  'value'),
    // crm-admin assigns accounts; claiming from the pool is for reps (and their managers).
    POOL:        e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'value',      'Y',  'Y',  'row+terms',  'value',      'N'),
    OTHER_TEAM:  e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'value',      'Y',  'Y',  'row+terms',  'value'),
    TICKET:      e('Y',  'Y',  'Y',  'Y',  'Y',  'Y',  'value',      'Y',  'Y',  'row+terms',  'value'),
  },
};

type Op =
  | 'read'
  | 'list'
  | 'update'
  | 'delete+restore'
  | 'logActivity'
  | 'createContact'
  | 'read sensitive'
  | 'update terms'
  | 'share'
  | 'sensitive field history'
  | 'claim'
  | 'customerAuditChainStatus'
  | 'defineCustomField'
  | 'archiveCustomField'
  | 'unarchiveCustomField'
  | 'customFieldDefinitions(includeArchived)'
  | 'export'
  | '_entities';
type Channel = 'gateway' | 'grpc' | 'subgraph' | 'http';

interface Case {
  name: string;
  role: Role;
  /** null: an operation on no particular account. */
  relation: Relation | null;
  op: Op;
  channel: Channel;
  /** The answer expected, as the case name shows it. */
  expected: string;
}

/**
 * Operations on no particular account, per role. customFields: defineCustomField, archiveCustomField,
 * unarchiveCustomField and customFieldDefinitions(includeArchived: true), crm-admin only (issue 7).
 */
const ROLE_EXPECTED: Record<Role, { customerAuditChainStatus: YN; customFields: YN }> = {
  'rep.east1': { customerAuditChainStatus: 'N', customFields: 'N' },
  'manager.east': { customerAuditChainStatus: 'N', customFields: 'N' },
  agent1: { customerAuditChainStatus: 'N', customFields: 'N' },
  finance1: { customerAuditChainStatus: 'N', customFields: 'N' },
  auditor1: { customerAuditChainStatus: 'Y', customFields: 'N' },
  admin1: { customerAuditChainStatus: 'Y', customFields: 'Y' },
};
const CUSTOM_FIELD_OPS = [
  'defineCustomField',
  'archiveCustomField',
  'unarchiveCustomField',
  'customFieldDefinitions(includeArchived)',
] as const;

const allowed = (yn: YN) => (yn === 'Y' ? 'ALLOWED' : 'FORBIDDEN');
const HISTORY_ANSWER: Record<HistoryRead, string> = {
  forbidden: 'FORBIDDEN',
  hidden: 'HISTORY, VALUES HIDDEN',
  value: 'HISTORY WITH VALUES',
};

function buildCases(): Case[] {
  const cases: Case[] = [];
  const add = (role: Role, relation: Relation | null, op: Op, channel: Channel, expected: string) =>
    cases.push({
      name: `${role} · ${relation ?? '(any)'} · ${op} · ${channel} → ${expected}`,
      role,
      relation,
      op,
      channel,
      expected,
    });
  for (const role of ROLES) {
    for (const relation of RELATIONS) {
      const x = EXPECTED[role][relation];
      for (const channel of ['gateway', 'grpc'] as const) {
        add(role, relation, 'read', channel, allowed(x.read));
        add(role, relation, 'list', channel, x.list === 'Y' ? 'LISTED' : 'NOT LISTED');
        add(role, relation, 'update', channel, allowed(x.update));
        add(role, relation, 'delete+restore', channel, allowed(x.del));
        add(role, relation, 'logActivity', channel, allowed(x.activity));
      }
      add(role, relation, 'createContact', 'gateway', allowed(x.contact));
      add(role, relation, 'read sensitive', 'gateway', x.sensitive.toUpperCase());
      add(role, relation, 'update terms', 'gateway', allowed(x.terms));
      add(role, relation, 'share', 'gateway', allowed(x.share));
      add(role, relation, 'sensitive field history', 'gateway', HISTORY_ANSWER[x.history]);
      if (x.claim) add(role, relation, 'claim', 'gateway', allowed(x.claim));
      add(role, relation, 'export', 'http', x.export === '403' ? 'FORBIDDEN' : x.export.toUpperCase());
      // Federation joins: the account a caller may not read resolves to null, a readable one with its fields redacted
      // exactly as on a direct read.
      add(
        role,
        relation,
        '_entities',
        'subgraph',
        x.read === 'N' ? 'NULL' : x.sensitive === 'value' ? 'ACCOUNT+TERMS' : 'ACCOUNT, TERMS REDACTED',
      );
    }
    add(role, null, 'customerAuditChainStatus', 'gateway', allowed(ROLE_EXPECTED[role].customerAuditChainStatus));
    for (const op of CUSTOM_FIELD_OPS) add(role, null, op, 'gateway', allowed(ROLE_EXPECTED[role].customFields));
  }
  return cases;
}

const CASES = buildCases();

// ---------------------------------------------------------------------------------------------------------------
// The fixture
// ---------------------------------------------------------------------------------------------------------------

/** Every fixture account carries this tag; list cases filter on it (updates keep it). */
const MARKER = 'authz-matrix';
const CLAIM_MARKER = 'authz-matrix-claim';
const SENSITIVE = ['creditLimit', 'paymentTerms', 'bankName', 'bankAccount', 'taxRegistration'] as const;
const TERMS = {
  creditLimit: { amount: '500000.00', currencyCode: 'CNY' },
  paymentTerms: 'NET 30',
  bankName: '招商银行深圳分行',
  bankAccount: '6225 8802 1234 5678',
  taxRegistration: '91440300MA5MATRIX1',
};

const FIXTURE: Record<Relation, { name: string; owner: string | null; team: string | null }> = {
  OWN: { name: 'Matrix Own Trading Ltd', owner: 'rep.east1', team: 'sales-east' },
  TEAM: { name: 'Matrix Teammate Logistics Ltd', owner: 'rep.east2', team: 'sales-east' },
  SHARED_READ: { name: 'Matrix Shared Robotics Ltd', owner: 'rep.south1', team: 'sales-south' },
  REQUESTED: { name: 'Matrix Requested Textiles Ltd', owner: 'rep.south1', team: 'sales-south' },
  POOL: { name: 'Matrix Pool Ceramics Ltd', owner: null, team: null },
  OTHER_TEAM: { name: 'Matrix Southern Foods Ltd', owner: 'rep.south1', team: 'sales-south' },
  TICKET: { name: 'Matrix Ticketed Pumps Ltd', owner: 'rep.south1', team: 'sales-south' },
};

/** A user nobody in the matrix is: the grantee of the share cases. */
const THIRD_USER = 'rep.south2';

interface GraphQLError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}
interface GraphQLBody<T> {
  data?: T | null;
  errors?: GraphQLError[];
  extensions?: { redactedFields?: { type: string; id: string; field: string }[]; [key: string]: unknown };
}
interface AccountFields {
  id: string;
  ownerId: string | null;
  teamId: string | null;
  tags: string[];
  deletedAt?: string | null;
}
interface SensitiveFields {
  id: string;
  creditLimit: { amount: string; currencyCode: string } | null;
  paymentTerms: string | null;
  bankName: string | null;
  bankAccount: string | null;
  taxRegistration: string | null;
}

const ACCOUNT_FIELDS = 'id ownerId teamId tags';
const SENSITIVE_FIELDS = 'id creditLimit { amount currencyCode } paymentTerms bankName bankAccount taxRegistration';
const Q = {
  create: `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { ${ACCOUNT_FIELDS} } } }`,
  read: `query($id: ID!) { account(id: $id) { ${ACCOUNT_FIELDS} } }`,
  readSensitive: `query($id: ID!) { account(id: $id) { ${SENSITIVE_FIELDS} } }`,
  list: `query($tags: [String!]) { accounts(filter: { tags: $tags }, first: 100) { edges { node { id } } } }`,
  update: `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { ${ACCOUNT_FIELDS} } }`,
  delete: `mutation($id: ID!) { deleteAccount(id: $id) { id deletedAt } }`,
  restore: `mutation($id: ID!) { restoreAccount(id: $id) { id deletedAt } }`,
  terms: `mutation($input: UpdateAccountTermsInput!) { updateAccountTerms(input: $input) { id } }`,
  logActivity: `mutation($input: LogActivityInput!) { logActivity(input: $input) { id accountId } }`,
  createContact: `mutation($input: ContactInput!) { createContact(input: $input) { id accountId } }`,
  share: `mutation($input: ShareAccountInput!) { shareAccount(input: $input) { id accountId granteeId access } }`,
  revoke: `mutation($input: RevokeAccountGrantInput!) { revokeAccountGrant(input: $input) { id } }`,
  request: `mutation($input: RequestAccountAccessInput!) { requestAccountAccess(input: $input) { id status } }`,
  decide: `mutation($input: DecideAccessRequestInput!) { decideAccessRequest(input: $input) { id status } }`,
  history: `query($id: ID!) {
    customerFieldHistory(entityType: "account", entityId: $id, field: "bankAccount", first: 50) {
      edges { node { field action before after } }
    }
  }`,
  trail: `query($id: ID!) {
    customerAuditTrail(entityType: "account", entityId: $id, first: 100) {
      edges { node { action changes { field before after } details } }
    }
  }`,
  chain: `{ customerAuditChainStatus { ok rows } }`,
  defineField: `mutation($i: CustomFieldDefinitionInput!) { defineCustomField(input: $i) { id } }`,
  archiveField: `mutation($id: ID!) { archiveCustomField(id: $id) { id archivedAt } }`,
  unarchiveField: `mutation($id: ID!) { unarchiveCustomField(id: $id) { id archivedAt } }`,
  archivedFields: `{ customFieldDefinitions(objectType: ACCOUNT, includeArchived: true) { edges { node { key archivedAt } } } }`,
  claim: `mutation($input: ClaimAccountInput!) { claimAccount(input: $input) { ${ACCOUNT_FIELDS} } }`,
  createTicket: `mutation($input: CreateTicketInput!) { createTicket(input: $input) { id } }`,
  assignTicket: `mutation($id: ID!, $agentId: ID) { assignTicket(id: $id, agentId: $agentId) { id agentId } }`,
  entities: `query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Account { ${SENSITIVE_FIELDS} } }
  }`,
};

/** The answer of a GraphQL call as the case names it: ALLOWED, FORBIDDEN, or the unexpected error. */
function gqlOutcome(body: GraphQLBody<unknown>): string {
  if (!body.errors?.length) return 'ALLOWED';
  const code = body.errors[0].extensions?.code;
  return code === 'FORBIDDEN' ? 'FORBIDDEN' : `error ${String(code)}: ${body.errors[0].message}`;
}

/** The answer of a gRPC call: PERMISSION_DENIED comes back as NotAllowedError (fromGrpcError). */
async function grpcOutcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ALLOWED';
  } catch (error) {
    if (error instanceof NotAllowedError) return 'FORBIDDEN';
    if (error instanceof NotFoundError) return 'NOT_FOUND';
    const { code, message } = error as { code?: unknown; message?: string };
    return `error ${String(code)}: ${message ?? String(error)}`;
  }
}

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe(`authorization matrix: ${ROLES.length} roles × ${RELATIONS.length} relations × operations = ${CASES.length} cases`, () => {
  let stack: Stack;
  let grpc: customerV1.CustomerServiceClient;
  let exportUrl: string;
  const ids = {} as Record<Relation, string>;
  const userIds = new Map<string, string>();
  let ticketId: string;

  const { bearer, gql, must } = graphqlClient(() => stack.urls.gateway);
  const idOf = (username: string): string => {
    const id = userIds.get(username);
    if (!id) throw new Error(`no id for ${username}`);
    return id;
  };

  async function metadata(as: string): Promise<Metadata> {
    const m = new Metadata();
    m.set('authorization', await bearer(as));
    m.set('x-request-id', `authz-matrix-${randomUUID()}`);
    return m;
  }

  async function createAccount(name: string, owner: string | null, team: string | null, tags: string[]) {
    const data = await must<{ createAccount: { account: AccountFields } }>('admin1', Q.create, {
      input: {
        account: { name, ownerId: owner ? idOf(owner) : null, teamId: team, tags, grade: 'B' },
        duplicatePolicy: 'OVERRIDE',
      },
    });
    return data.createAccount.account;
  }

  /** Waits until the customer service's ticket projection gives the ticket this agent (null: none). */
  async function projectedAgent(ticket: string, agentId: string | null): Promise<void> {
    const pg = new Client({ connectionString: stack.databases.customer });
    await pg.connect();
    try {
      const deadline = Date.now() + 30_000;
      const applied = async () =>
        (
          await pg.query('SELECT 1 FROM ticket_accounts WHERE ticket_id = $1 AND agent_id IS NOT DISTINCT FROM $2', [
            ticket,
            agentId,
          ])
        ).rowCount === 1;
      while (!(await applied())) {
        if (Date.now() > deadline) throw new Error('the customer service did not apply the ticket assignment');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await pg.end();
    }
  }

  /** Whether the account is live (admin's view, through gRPC to skip the gateway's cost). */
  async function isLive(id: string): Promise<boolean> {
    return (
      (await grpcOutcome(callUnary(grpc.getAccount, { id }, { metadata: await metadata('admin1') }))) === 'ALLOWED'
    );
  }

  /** Puts a deleted fixture account back (a case that deleted it unexpectedly, or failed before restoring). */
  async function keepLive(id: string): Promise<void> {
    if (!(await isLive(id))) await must('admin1', Q.restore, { id });
  }

  beforeAll(async () => {
    stack = await startE2eStack('matrix');
    grpc = createGrpcClient(customerV1.CustomerServiceClient, stack.urls.customerGrpc, { maxAttempts: 1 });
    exportUrl = `${new URL(stack.urls.customerGraphql).origin}/exports/accounts.csv`;
    const users = [...ROLES, 'rep.east2', 'rep.south1', 'manager.south', THIRD_USER];
    for (const user of users) userIds.set(user, demoUser(user).id);
    await Promise.all(users.map((u) => bearer(u)));

    // The seven accounts, created by crm-admin through the gateway, each with credit terms set by finance.
    await Promise.all(
      RELATIONS.map(async (relation) => {
        const { name, owner, team } = FIXTURE[relation];
        const account = await createAccount(name, owner, team, [MARKER]);
        expect(account).toMatchObject({ ownerId: owner ? idOf(owner) : null, teamId: team });
        ids[relation] = account.id;
        await must('finance1', Q.terms, { input: { id: account.id, terms: TERMS } });
      }),
    );

    // SHARED_READ: its owner shares it read-only with rep.east1.
    await must('rep.south1', Q.share, {
      input: { accountId: ids.SHARED_READ, granteeId: idOf('rep.east1'), access: 'READ' },
    });
    // REQUESTED: rep.east1 asks for edit access, the manager of the account's team approves (a grant that expires).
    const requested = await must<{ requestAccountAccess: { id: string; status: string } }>('rep.east1', Q.request, {
      input: { accountId: ids.REQUESTED, access: 'EDIT', reason: 'joint bid with the southern team' },
    });
    const decided = await must<{ decideAccessRequest: { status: string } }>('manager.south', Q.decide, {
      input: { requestId: requested.requestAccountAccess.id, decision: 'APPROVE' },
    });
    expect(decided.decideAccessRequest.status).toBe('APPROVED');

    // TICKET: agent1 opens a ticket on this account and takes it, through the gateway; the real service-ticket
    // announces the assignment on its TICKET stream and the customer service's projection opens the account to agent1.
    const opened = await must<{ createTicket: { id: string } }>('agent1', Q.createTicket, {
      input: { accountId: ids.TICKET, subject: 'Pump seal leaks', channel: 'PHONE', category: 'hardware' },
    });
    ticketId = opened.createTicket.id;
    await must('agent1', Q.assignTicket, { id: ticketId, agentId: idOf('agent1') });
    await projectedAgent(ticketId, idOf('agent1'));
  }, 180_000);

  afterAll(async () => {
    grpc?.close();
    await stack?.stop();
  });

  // ---------------------------------------------------------------------------------------------------------------
  // One runner per operation and channel; each returns the answer as the case names it.
  // ---------------------------------------------------------------------------------------------------------------

  async function read(c: Case, id: string): Promise<string> {
    if (c.channel === 'gateway') {
      const body = await gql<{ account: AccountFields | null }>(c.role, Q.read, { id });
      const outcome = gqlOutcome(body);
      if (outcome === 'ALLOWED') expect(body.data?.account?.id).toBe(id);
      if (outcome === 'FORBIDDEN') {
        expect(body.data?.account ?? null).toBeNull();
        // The page can offer to ask for access.
        expect(body.errors?.[0].extensions).toMatchObject({ accountId: id });
      }
      return outcome;
    }
    // gRPC: GetAccount, GetAccountOwner and BatchGetAccounts must agree.
    const m = await metadata(c.role);
    let fetched: unknown;
    const single = await grpcOutcome(
      callUnary(grpc.getAccount, { id }, { metadata: m }).then((res) => {
        fetched = res;
        expect(res.account?.id).toBe(id);
      }),
    );
    const owner = await grpcOutcome(callUnary(grpc.getAccountOwner, { accountId: id }, { metadata: m }));
    const batch = await callUnary(grpc.batchGetAccounts, { ids: [id] }, { metadata: m });
    const inBatch = batch.accounts.some((a) => a.id === id) ? 'ALLOWED' : 'FORBIDDEN';
    expect({ getAccountOwner: owner, batchGetAccounts: inBatch }).toEqual({
      getAccountOwner: single,
      batchGetAccounts: single,
    });
    // gRPC carries no sensitive field to anyone.
    if (fetched) expect(JSON.stringify(fetched)).not.toContain(TERMS.bankAccount);
    return single;
  }

  async function list(c: Case, id: string): Promise<string> {
    let listed: string[];
    if (c.channel === 'gateway') {
      const body = await gql<{ accounts: { edges: { node: { id: string } }[] } }>(c.role, Q.list, { tags: [MARKER] });
      expect(body.errors).toBeUndefined();
      listed = body.data!.accounts.edges.map((edge) => edge.node.id);
    } else {
      const res = await callUnary(
        grpc.searchAccounts,
        customerV1.SearchAccountsRequest.fromPartial({ filter: { tags: [MARKER] }, page: { first: 100 } }),
        { metadata: await metadata(c.role) },
      );
      listed = res.accounts.map((a) => a.id);
    }
    return listed.includes(id) ? 'LISTED' : 'NOT LISTED';
  }

  async function update(c: Case, id: string): Promise<string> {
    const tags = [MARKER, `seen-${c.role}-${c.channel}`];
    try {
      if (c.channel === 'gateway') {
        // expectedVersion omitted: no optimistic check, only the rights.
        const body = await gql<{ updateAccount: AccountFields }>(c.role, Q.update, {
          input: { id, account: { tags } },
        });
        const outcome = gqlOutcome(body);
        if (outcome === 'ALLOWED') expect(body.data?.updateAccount.tags).toEqual(tags);
        return outcome;
      }
      return await grpcOutcome(
        callUnary(
          grpc.updateAccount,
          customerV1.UpdateAccountRequest.fromPartial({ id, account: { tags }, updateMask: ['tags'] }),
          { metadata: await metadata(c.role) },
        ).then((res) => expect(res.account?.tags).toEqual(tags)),
      );
    } finally {
      await keepLive(id);
    }
  }

  async function deleteAndRestore(c: Case, id: string): Promise<string> {
    try {
      if (c.channel === 'gateway') {
        const deleted = await gql<{ deleteAccount: { deletedAt: string | null } }>(c.role, Q.delete, { id });
        const outcome = gqlOutcome(deleted);
        if (outcome !== 'ALLOWED') return outcome;
        expect(deleted.data?.deleteAccount.deletedAt).not.toBeNull();
        // In the recycle bin: gone from reads, until the same caller restores it.
        expect((await gql<{ account: null }>('admin1', Q.read, { id })).data?.account).toBeNull();
        const restored = await gql<{ restoreAccount: { deletedAt: string | null } }>(c.role, Q.restore, { id });
        expect(restored.errors).toBeUndefined();
        expect(restored.data?.restoreAccount.deletedAt).toBeNull();
        return outcome;
      }
      const m = await metadata(c.role);
      const outcome = await grpcOutcome(callUnary(grpc.deleteAccount, { id }, { metadata: m }));
      if (outcome !== 'ALLOWED') return outcome;
      // A deleted account is NOT_FOUND over gRPC, for its deleter as for anyone.
      expect(await grpcOutcome(callUnary(grpc.getAccount, { id }, { metadata: m }))).toBe('NOT_FOUND');
      expect(await grpcOutcome(callUnary(grpc.restoreAccount, { id }, { metadata: m }))).toBe('ALLOWED');
      return outcome;
    } finally {
      await keepLive(id);
    }
  }

  async function logActivity(c: Case, id: string): Promise<string> {
    const subject = `follow-up by ${c.role} via ${c.channel}`;
    if (c.channel === 'gateway') {
      const body = await gql<{ logActivity: { accountId: string } }>(c.role, Q.logActivity, {
        input: { accountId: id, kind: 'CALL', subject },
      });
      const outcome = gqlOutcome(body);
      if (outcome === 'ALLOWED') expect(body.data?.logActivity.accountId).toBe(id);
      return outcome;
    }
    return grpcOutcome(
      callUnary(
        grpc.logActivity,
        customerV1.LogActivityRequest.fromPartial({ accountId: id, kind: customerV1.ActivityKind.CALL, subject }),
        { metadata: await metadata(c.role) },
      ),
    );
  }

  async function createContact(c: Case, id: string): Promise<string> {
    const body = await gql<{ createContact: { accountId: string } }>(c.role, Q.createContact, {
      input: { accountId: id, name: `Contact of ${c.role}` },
    });
    const outcome = gqlOutcome(body);
    if (outcome === 'ALLOWED') expect(body.data?.createContact.accountId).toBe(id);
    return outcome;
  }

  /** VALUE, REDACTED (null, named in redactedFields) or the account refused; checks the other two never mix in. */
  function sensitiveAnswer(
    account: SensitiveFields | null | undefined,
    body: GraphQLBody<unknown>,
    id: string,
  ): 'VALUE' | 'REDACTED' | 'NULL' | string {
    if (!account) return 'NULL';
    const redacted = (body.extensions?.redactedFields ?? []).filter((r) => r.id === id);
    const values = SENSITIVE.filter((field) => account[field] !== null);
    if (values.length === SENSITIVE.length && redacted.length === 0) {
      expect(account.creditLimit).toEqual(TERMS.creditLimit);
      expect(account.bankName).toBe(TERMS.bankName);
      expect(account.bankAccount).toBe(TERMS.bankAccount);
      expect(account.taxRegistration).toBe(TERMS.taxRegistration);
      expect(account.paymentTerms).toMatch(/^NET 30/);
      return 'VALUE';
    }
    if (values.length === 0) {
      expect(redacted).toEqual(expect.arrayContaining(SENSITIVE.map((field) => ({ type: 'Account', id, field }))));
      expect(redacted).toHaveLength(SENSITIVE.length);
      return 'REDACTED';
    }
    return `mixed: values ${values.join(', ')}; redacted ${redacted.map((r) => r.field).join(', ')}`;
  }

  async function readSensitive(c: Case, id: string): Promise<string> {
    const body = await gql<{ account: SensitiveFields | null }>(c.role, Q.readSensitive, { id });
    const outcome = gqlOutcome(body);
    if (outcome !== 'ALLOWED') {
      // Refused: nothing of the account, and no value anywhere in the answer.
      expect(JSON.stringify(body)).not.toContain(TERMS.bankAccount);
      return outcome;
    }
    return sensitiveAnswer(body.data?.account, body, id);
  }

  async function updateTerms(c: Case, id: string): Promise<string> {
    const body = await gql(c.role, Q.terms, { input: { id, terms: { paymentTerms: `NET 30 (set by ${c.role})` } } });
    return gqlOutcome(body);
  }

  async function share(c: Case, id: string): Promise<string> {
    const body = await gql<{ shareAccount: { id: string; granteeId: string; access: string } }>(c.role, Q.share, {
      input: { accountId: id, granteeId: idOf(THIRD_USER), access: 'READ' },
    });
    const outcome = gqlOutcome(body);
    if (body.data?.shareAccount) {
      expect(body.data.shareAccount).toMatchObject({ granteeId: idOf(THIRD_USER), access: 'READ' });
      // Taken back at once, so the third user stays outside the matrix.
      await must('admin1', Q.revoke, { input: { grantId: body.data.shareAccount.id } });
    }
    return outcome;
  }

  async function claim(c: Case): Promise<string> {
    // A fresh pool account per case, so the claims stay independent of each other.
    const fresh = await createAccount(`Matrix Claimable ${c.role} Ltd`, null, null, [CLAIM_MARKER]);
    await must('finance1', Q.terms, { input: { id: fresh.id, terms: TERMS } });
    const body = await gql<{ claimAccount: AccountFields }>(c.role, Q.claim, { input: { accountId: fresh.id } });
    const outcome = gqlOutcome(body);
    if (outcome === 'ALLOWED') expect(body.data?.claimAccount.ownerId).toBe(idOf(c.role));
    return outcome;
  }

  async function exportCsv(c: Case, id: string): Promise<string> {
    const res = await fetch(exportUrl, { headers: { authorization: await bearer(c.role) } });
    const text = await res.text();
    if (res.status === 403) return 'FORBIDDEN';
    if (res.status !== 200) return `HTTP ${res.status}: ${text.slice(0, 200)}`;
    const [watermark, header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
    expect(watermark.join(',')).toContain(`Exported by ${c.role}`);
    const row = rows.find((cells) => cells[0] === id);
    if (!row) return 'NO ROW';
    const bank = header.indexOf('bankAccount');
    if (bank < 0 || !row[bank]) return 'ROW';
    expect(row[bank]).toBe(TERMS.bankAccount);
    return 'ROW+TERMS';
  }

  async function entities(c: Case, id: string): Promise<string> {
    const body = await gql<{ _entities: (SensitiveFields | null)[] }>(
      c.role,
      Q.entities,
      { representations: [{ __typename: 'Account', id }] },
      stack.urls.customerGraphql,
    );
    expect(body.errors).toBeUndefined();
    const answer = sensitiveAnswer(body.data?._entities[0], body, id);
    return answer === 'VALUE' ? 'ACCOUNT+TERMS' : answer === 'REDACTED' ? 'ACCOUNT, TERMS REDACTED' : answer;
  }

  /** customerFieldHistory and customerAuditTrail of the account: both refused, or both with rows, with or without the values. */
  async function sensitiveHistory(c: Case, id: string): Promise<string> {
    const [history, trail] = await Promise.all([
      gql<{ customerFieldHistory: { edges: unknown[] } }>(c.role, Q.history, { id }),
      gql<{ customerAuditTrail: { edges: unknown[] } }>(c.role, Q.trail, { id }),
    ]);
    const outcome = gqlOutcome(history);
    expect(gqlOutcome(trail)).toBe(outcome);
    if (outcome !== 'ALLOWED') {
      expect(JSON.stringify([history, trail])).not.toContain(TERMS.bankAccount);
      return outcome;
    }
    const edges = [
      ...(history.data?.customerFieldHistory.edges ?? []),
      ...(trail.data?.customerAuditTrail.edges ?? []),
    ];
    // finance1 set the bank account when the fixture was built: there is at least that change.
    if (!history.data?.customerFieldHistory.edges.length) return 'NO HISTORY';
    return JSON.stringify(edges).includes(TERMS.bankAccount) ? 'HISTORY WITH VALUES' : 'HISTORY, VALUES HIDDEN';
  }

  async function auditChain(c: Case): Promise<string> {
    const body = await gql<{ customerAuditChainStatus: { ok: boolean } }>(c.role, Q.chain);
    const outcome = gqlOutcome(body);
    if (outcome === 'ALLOWED') expect(body.data?.customerAuditChainStatus.ok).toBe(true);
    return outcome;
  }

  /** A fresh optional field defined by admin1 (archived when asked), so no case depends on another. */
  async function adminField(archived: boolean): Promise<string> {
    const key = `matrix_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const body = await gql<{ defineCustomField: { id: string } }>('admin1', Q.defineField, {
      i: { objectType: 'ACCOUNT', key, label: key, type: 'TEXT' },
    });
    const id = body.data!.defineCustomField.id;
    if (archived) expect(gqlOutcome(await gql('admin1', Q.archiveField, { id }))).toBe('ALLOWED');
    return id;
  }

  async function defineField(c: Case): Promise<string> {
    const key = `matrix_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    return gqlOutcome(
      await gql(c.role, Q.defineField, { i: { objectType: 'ACCOUNT', key, label: key, type: 'TEXT' } }),
    );
  }

  async function archiveField(c: Case): Promise<string> {
    return gqlOutcome(await gql(c.role, Q.archiveField, { id: await adminField(false) }));
  }

  async function unarchiveField(c: Case): Promise<string> {
    return gqlOutcome(await gql(c.role, Q.unarchiveField, { id: await adminField(true) }));
  }

  async function archivedFields(c: Case): Promise<string> {
    return gqlOutcome(await gql(c.role, Q.archivedFields));
  }

  const runners: Record<Op, (c: Case, id: string) => Promise<string>> = {
    read,
    list,
    update,
    'delete+restore': deleteAndRestore,
    logActivity,
    createContact,
    'read sensitive': readSensitive,
    'update terms': updateTerms,
    share,
    'sensitive field history': sensitiveHistory,
    claim,
    customerAuditChainStatus: auditChain,
    defineCustomField: defineField,
    archiveCustomField: archiveField,
    unarchiveCustomField: unarchiveField,
    'customFieldDefinitions(includeArchived)': archivedFields,
    export: exportCsv,
    _entities: entities,
  };

  it.each(CASES)('$name', async (c) => {
    expect(await runners[c.op](c, c.relation ? ids[c.relation] : '')).toBe(c.expected);
  });

  it(`the matrix has ${CASES.length} cases: one expectation for every role × relation`, () => {
    for (const role of ROLES) expect(Object.keys(EXPECTED[role]).sort()).toEqual([...RELATIONS].sort());
    // Per role × relation: 5 operations × 2 channels, 7 more through one channel; per role: claim (POOL), audit chain
    // and the four custom field definition operations.
    expect(CASES).toHaveLength(ROLES.length * RELATIONS.length * 17 + ROLES.length * 6);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  // Last: it takes the TICKET account away from agent1, which every case above relies on.
  it('agent1 no longer reads the TICKET account once their ticket goes back to the queue', async () => {
    const returned = await must<{ assignTicket: { agentId: string | null } }>('agent1', Q.assignTicket, {
      id: ticketId,
      agentId: null,
    });
    expect(returned.assignTicket.agentId).toBeNull();
    await projectedAgent(ticketId, null);
    const body = await gql<{ account: AccountFields | null }>('agent1', Q.read, { id: ids.TICKET });
    expect(gqlOutcome(body)).toBe('FORBIDDEN');
    expect(body.data?.account ?? null).toBeNull();
  });
});
