import type { TFunction } from 'i18next';

/** A `User` reference as the ticket queries fetch it (null: not a user — the system, or a customer). */
export interface TicketPersonRef {
  id: string;
  displayName: string;
}

/**
 * The name to show for a person a ticket names: "Me", their display name, "a former user" for an id the directory no
 * longer knows (the customer service answers it with the id as its name), or `otherwise` when it names no user.
 */
export function ticketPersonName(
  person: TicketPersonRef | null | undefined,
  me: string,
  t: TFunction,
  otherwise: string = t('ticketDetail.people.system'),
): string {
  if (!person) return otherwise;
  if (person.id === me) return t('tickets.me');
  return person.displayName === person.id ? t('ticketDetail.people.formerUser') : person.displayName;
}
