import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';
import { traceIdOfError } from './traced-fetch';

/**
 * What a user should read for a failed request, ending with the reference to quote to support (the request's trace
 * id, which the gateway's request log line carries too).
 */
export function describeError(error: CombinedError, t: TFunction): string {
  return withReference(describeErrorReason(error, t), errorReference(error), t);
}

/** A failure's text followed by "Reference: <id>" when the request's reference is known. */
export function withReference(reason: string, reference: string | undefined, t: TFunction): string {
  return reference ? `${reason} ${t('errors.reference', { reference })}` : reason;
}

/** The failure alone: the domain's message naming the field and rule, or what to do. */
export function describeErrorReason(error: CombinedError, t: TFunction): string {
  if (error.networkError) return t('errors.network');
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  if (code === 'FORBIDDEN') return t('errors.forbidden');
  if (code === 'CONFLICT' || code === 'VERSION_CONFLICT') return t('errors.conflict');
  // The services' messages name the field and the rule already (in English: they are also read by integrators).
  if ((code === 'BAD_USER_INPUT' || code === 'FAILED_PRECONDITION' || code === 'NOT_FOUND') && first)
    return first.message;
  return t('errors.unknown', { message: first?.message ?? error.message });
}

/** The trace id the portal sent with the failed request, else the gateway's request id when it answered one. */
export function errorReference(error: CombinedError): string | undefined {
  const traceId = traceIdOfError(error);
  if (traceId) return traceId;
  const requestId = error.graphQLErrors.find((e) => typeof e.extensions?.requestId === 'string')?.extensions.requestId;
  return typeof requestId === 'string' ? requestId : undefined;
}

/** True when the error means "not yours to see" (render a no-access page, not an error). */
export function isForbidden(error: CombinedError | undefined): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === 'FORBIDDEN');
}
