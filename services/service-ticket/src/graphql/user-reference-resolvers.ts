import type { Resolvers } from './generated/resolver-types';

/** Keycloak user ids are UUIDs; anything else ('system', 'survey:<id>', an email address) names no user. */
const keycloakId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A federation stub the customer subgraph resolves, or null when the id is not a user's. */
function userReference(id: string | null | undefined): { __typename: 'User'; id: string } | null {
  return id && keycloakId.test(id) ? { __typename: 'User', id } : null;
}

/** The people and the team a ticket names, as federation stubs the customer subgraph resolves (see users.graphql). */
export const userReferenceResolvers: Resolvers = {
  Ticket: {
    queue: (ticket) => ({ __typename: 'Team', id: ticket.teamId }),
    agent: (ticket) => userReference(ticket.agentId),
    creator: (ticket) => userReference(ticket.createdBy),
  },
  TicketMessage: {
    authorUser: (message) => (message.kind === 'customer' ? null : userReference(message.author)),
  },
  TicketEvent: {
    actor: (event) => userReference(event.byUser),
  },
  TicketAttachment: {
    uploader: (attachment) => userReference(attachment.uploadedBy),
  },
};
