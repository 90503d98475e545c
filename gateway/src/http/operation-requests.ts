import type { Request } from 'express';
import type { OperationRequest } from '../limits/query-limits';

/**
 * The GraphQL operations an HTTP request asks for: from the JSON body of a POST (one, or a batch), or from the query
 * string of a GET. Malformed parts are skipped: the engine answers them with the proper error.
 */
export function operationRequestsOf(req: Request): OperationRequest[] {
  if (req.method === 'GET') {
    const query = stringParam(req.query.query);
    if (query === undefined) return [];
    return [
      {
        query,
        variables: jsonObject(stringParam(req.query.variables)),
        operationName: stringParam(req.query.operationName),
      },
    ];
  }
  const body: unknown = req.body;
  const entries: unknown[] = Array.isArray(body) ? body : [body];
  return entries.flatMap((entry) => {
    if (!isRecord(entry) || typeof entry.query !== 'string') return [];
    return [
      {
        query: entry.query,
        variables: isRecord(entry.variables) ? entry.variables : undefined,
        operationName: typeof entry.operationName === 'string' ? entry.operationName : undefined,
      },
    ];
  });
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
