import { ACCOUNT_FACT_SUBJECTS, CUSTOMER_STREAM, projectAccountFacts } from '../customer-accounts';
import type { ProjectionSource } from './projection-resync';

/**
 * account_facts and account_grant_facts, rebuilt from the customer stream: the projection alone (guarded by each
 * account's event sequence), without the consumers' reactions, so nothing is moved or published again.
 */
export const accountFactsProjection: ProjectionSource = {
  stream: CUSTOMER_STREAM,
  // The grade too: the projection keeps it, though only the ticket service's live consumer subscribes to it.
  subjects: [...ACCOUNT_FACT_SUBJECTS, 'crm.customer.account.graded'],
  apply: projectAccountFacts,
};
