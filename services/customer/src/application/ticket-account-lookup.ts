import type { EntityManager } from 'typeorm';
import type { Actor } from '@crm/platform/auth';
import { appendAudit, auditEntry } from '@crm/platform/audit';
import { InputError } from '@crm/platform/errors';
import { maskPhone } from '../domain/masked-phone';
import { searchAccounts } from './account-search';

/** One account a service agent may pick for a new ticket: no data beyond what identifies it to the caller. */
export interface TicketAccountMatch {
  id: string;
  name: string;
  ownerId: string | null;
  maskedPhone: string | null;
}

/** One live contact of a matched account, for the ticket's contact. */
export interface TicketContactMatch {
  id: string;
  accountId: string;
  name: string;
  maskedPhone: string | null;
}

/** At most this many matches: a picker, not a way to list accounts. */
export const TICKET_LOOKUP_LIMIT = 10;
const MIN_SEARCH_LENGTH = 2;

/**
 * The accounts a ticket may be opened on, matched by name (prefix or fragment), phone, email or tax id across every
 * live account: a caller who rings in is rarely on an account the agent can read yet (docs/security.md). It reaches
 * past the caller's read scope, so each account it reveals is audited (`account.ticket_lookup`) before it is returned;
 * the search text is not kept (it is often a caller's phone or email).
 */
export async function lookupTicketAccounts(
  manager: EntityManager,
  search: string,
  actor: Actor,
  defaultCountry: string,
): Promise<TicketAccountMatch[]> {
  const text = search.trim();
  if (text.length < MIN_SEARCH_LENGTH)
    throw InputError.single(['search'], 'min_length', `must be at least ${MIN_SEARCH_LENGTH} characters`);
  const page = await searchAccounts(manager, { query: text, first: TICKET_LOOKUP_LIMIT, defaultCountry }, actor, {
    everyAccount: true,
  });
  if (page.items.length > 0)
    await manager.transaction((tx) =>
      appendAudit(
        tx,
        page.items.map((a) =>
          auditEntry(actor, 'account.ticket_lookup', { type: 'account', id: a.id }, [], { matches: page.items.length }),
        ),
      ),
    );
  return page.items.map((a) => ({
    id: a.id,
    name: a.name,
    ownerId: a.ownerId,
    maskedPhone: a.phones[0] ? maskPhone(a.phones[0]) : null,
  }));
}

/** The live contacts of the given accounts, by name, at most 50 per account. */
export async function ticketContactsOf(
  manager: EntityManager,
  accountIds: readonly string[],
): Promise<Map<string, TicketContactMatch[]>> {
  const rows: { id: string; accountId: string; name: string; phones: string[] }[] = await manager.query(
    `SELECT id, account_id AS "accountId", name, phones FROM (
       SELECT c.*, row_number() OVER (PARTITION BY account_id ORDER BY lower(name), id) AS n
         FROM contacts c WHERE account_id = ANY($1::uuid[]) AND deleted_at IS NULL) ranked
      WHERE n <= 50 ORDER BY lower(name), id`,
    [accountIds],
  );
  const out = new Map<string, TicketContactMatch[]>(accountIds.map((id) => [id, []]));
  for (const r of rows)
    out.get(r.accountId)?.push({
      id: r.id,
      accountId: r.accountId,
      name: r.name,
      maskedPhone: r.phones[0] ? maskPhone(r.phones[0]) : null,
    });
  return out;
}
