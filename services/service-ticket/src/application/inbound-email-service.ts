import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { audit } from '@crm/platform/audit';
import type { Actor } from '@crm/platform/auth';
import type { CustomerAccounts } from '@crm/platform/customer-accounts';
import { PreconditionError } from '@crm/platform/errors';
import { requesterTicketByNumber, ticketAnsweredBy, ticketOfEmailMessage } from '../db/email-thread-rows';
import { ticketsById, type TicketRow } from '../db/ticket-rows';
import { parseInboundEmail, ticketNumberIn, type InboundEmail } from '../domain/inbound-email';
import { checkTicketFields } from '../domain/ticket-input';
import { reopenDeadline, type LifecycleSettings } from '../domain/ticket-lifecycle';
import type { TicketService } from './ticket-service';
import type { TicketWorkflow } from './ticket-workflow';

export interface InboundEmailSettings {
  /** The queue (team) new email tickets land in. */
  teamId: string;
  /** The category of a new email ticket, until an agent triages it. */
  category: string;
  /** The account of mail that no single account's email matches; null: such mail is refused (the gateway retries). */
  unmatchedAccountId: string | null;
}

export interface InboundEmailResult {
  /** created: a new ticket; threaded: a customer message on an existing one; replayed: this message id was seen. */
  outcome: 'created' | 'threaded' | 'replayed';
  ticketId: string;
  ticketNumber: string;
}

/** Thrown inside a transaction that lost the race for a message id: rolls it back, and the winner's ticket answers. */
class AlreadyReceived extends Error {}

const descriptionLimit = 20_000;

/**
 * Customers' email, as the mail gateway parsed it. A reply joins its thread: by the message ids it answers, or by the
 * `[TK-…]` number in the subject when it comes from the ticket's requester; a reply to a ticket past its reopen window
 * opens a follow-up ticket. Anything else opens an email ticket on the sender's account. Idempotent by message id.
 * The gateway (crm-services) has no ticket roles: the operation policy admits it, and this is all it can do.
 */
export class InboundEmailService {
  constructor(
    private readonly tickets: TicketService,
    private readonly workflow: TicketWorkflow,
    private readonly customers: CustomerAccounts,
    private readonly serviceToken: () => Promise<string>,
    private readonly lifecycle: LifecycleSettings,
    private readonly settings: InboundEmailSettings,
  ) {}

  async receive(input: Record<string, unknown>, actor: Actor): Promise<InboundEmailResult> {
    const email = parseInboundEmail(input, new Date());
    const manager = this.tickets.dataSource.manager;
    const seen = await ticketOfEmailMessage(manager, email.messageId);
    if (seen) return this.replayed(seen);
    const threadId = (await ticketAnsweredBy(manager, email.repliesTo)) ?? (await this.threadBySubject(email));
    try {
      if (threadId) {
        const threaded = await this.tickets.dataSource.transaction((tx) =>
          this.addToThread(tx, threadId, email, actor),
        );
        if (threaded) return { outcome: 'threaded', ticketId: threaded.id, ticketNumber: threaded.number };
      }
      const followUpOf = threadId ? ((await ticketsById(manager, [threadId])).get(threadId)?.number ?? null) : null;
      const accountId = await this.accountOf(email.from);
      const created = await this.tickets.dataSource.transaction((tx) =>
        this.open(tx, email, accountId, followUpOf, actor),
      );
      return { outcome: 'created', ticketId: created.id, ticketNumber: created.number };
    } catch (error) {
      if (!(error instanceof AlreadyReceived)) throw error;
      return this.replayed((await ticketOfEmailMessage(manager, email.messageId))!);
    }
  }

  /**
   * The customer's message on the thread's ticket (last_customer_message_at restarts the next-response clock); a
   * resolved or closed ticket within its reopen window is reopened. Null when the ticket is past that window.
   */
  private async addToThread(
    tx: EntityManager,
    ticketId: string,
    email: InboundEmail,
    actor: Actor,
  ): Promise<TicketRow | null> {
    const ticket = (await ticketsById(tx, [ticketId], { lock: true })).get(ticketId);
    if (!ticket) return null;
    const finished = ticket.status === 'resolved' || ticket.status === 'closed';
    if (finished && (!ticket.resolvedAt || new Date() > reopenDeadline(ticket.resolvedAt, this.lifecycle))) return null;
    await this.recordMessage(tx, ticket.id, email, actor);
    const updated = await this.tickets.changed(tx, ticket.id, 'message', actor);
    if (!finished) return updated;
    return this.workflow.reopenLocked(tx, updated, 'the customer replied by email', actor);
  }

  /** A new email ticket in the configured queue, its first message being this email. */
  private async open(
    tx: EntityManager,
    email: InboundEmail,
    accountId: string,
    followUpOf: string | null,
    actor: Actor,
  ): Promise<TicketRow> {
    const description = (followUpOf ? `Follow-up of ${followUpOf}.\n\n${email.body}` : email.body).slice(
      0,
      descriptionLimit,
    );
    const fields = checkTicketFields({
      subject: email.subject,
      description,
      channel: 'email',
      category: this.settings.category,
      priority: 'normal',
      complaint: false,
      skills: [],
    });
    const ticket = await this.tickets.insert(
      tx,
      {
        ...fields,
        accountId,
        contactId: null,
        teamId: this.settings.teamId,
        requesterEmail: email.from,
        createdAt: email.receivedAt,
      },
      actor,
    );
    await this.recordMessage(tx, ticket.id, email, actor);
    return (await ticketsById(tx, [ticket.id])).get(ticket.id)!;
  }

  /** The message row (its unique message id decides a race between two deliveries) and the ticket's timestamp. */
  private async recordMessage(tx: EntityManager, ticketId: string, email: InboundEmail, actor: Actor): Promise<void> {
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO ticket_messages (id, ticket_id, kind, author, body, email_message_id, created_at)
       VALUES ($1, $2, 'customer', $3, $4, $5, $6) ON CONFLICT (email_message_id) DO NOTHING RETURNING id`,
      [randomUUID(), ticketId, email.from, email.body, email.messageId, email.receivedAt],
    );
    if (!inserted.length) throw new AlreadyReceived();
    await tx.query(
      `UPDATE tickets SET last_customer_message_at = GREATEST(last_customer_message_at, $2), updated_by = $3,
         updated_at = now(), version = version + 1 WHERE id = $1`,
      [ticketId, email.receivedAt, actor.id],
    );
    // The address and the text are personal data: the audit names the message, not its content.
    await audit(tx, actor, 'ticket.customer_email', { type: 'ticket', id: ticketId }, [], {
      messageRowId: inserted[0].id,
      length: email.body.length,
    });
  }

  private async threadBySubject(email: InboundEmail): Promise<string | null> {
    const number = ticketNumberIn(email.subject);
    return number ? requesterTicketByNumber(this.tickets.dataSource.manager, number, email.from) : null;
  }

  /** The one account with the sender's email (asked as crm-services); else the unmatched-mail account, if set. */
  private async accountOf(from: string): Promise<string> {
    const candidates = await this.customers.findDuplicateAccounts(
      { name: '', taxId: '', phones: [], emails: [from], website: '' },
      await this.serviceToken(),
    );
    const byEmail = candidates.filter((c) => c.matchedOn.includes('email'));
    if (byEmail.length === 1) return byEmail[0].accountId;
    if (this.settings.unmatchedAccountId) return this.settings.unmatchedAccountId;
    throw new PreconditionError(
      `from: ${byEmail.length ? 'several accounts have' : 'no account has'} the sender's address, and no ` +
        'unmatched-mail account is configured (TICKET_UNMATCHED_MAIL_ACCOUNT_ID)',
      { path: ['from'], rule: 'account', matches: byEmail.length },
    );
  }

  private async replayed(ticketId: string): Promise<InboundEmailResult> {
    const ticket = (await ticketsById(this.tickets.dataSource.manager, [ticketId])).get(ticketId);
    return { outcome: 'replayed', ticketId, ticketNumber: ticket?.number ?? '' };
  }
}
