import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';

/** What a user should read for a failed request: the domain's message naming the field and rule, or what to do. */
export function describeError(error: CombinedError, t: TFunction): string {
  if (error.networkError) return t('errors.network');
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  if (code === 'FORBIDDEN') return t('errors.forbidden');
  if (code === 'CONFLICT' || code === 'VERSION_CONFLICT') return t('errors.conflict');
  // The services' messages name the field and the rule already (in English: they are also read by integrators).
  if ((code === 'BAD_USER_INPUT' || code === 'FAILED_PRECONDITION' || code === 'NOT_FOUND') && first)
    return first.message;
  const ref = typeof first?.extensions?.requestId === 'string' ? first.extensions.requestId : '—';
  return t('errors.unknown', { message: first?.message ?? error.message, ref });
}

/** True when the error means "not yours to see" (render a no-access page, not an error). */
export function isForbidden(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN');
}
