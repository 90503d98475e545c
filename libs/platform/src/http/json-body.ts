import type { Readable } from 'node:stream';
import { InputError, MAX_BYTES_RULE } from '../errors';

/**
 * A request's JSON object body, read inside the route (after its token is verified) with a size cap: over it an
 * InputError on `body` with the max_bytes rule (HTTP 413), not JSON or not an object one naming the json rule (400).
 */
export async function readJsonBody(req: Readable, maxBytes: number): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) {
      req.resume();
      throw InputError.single(['body'], MAX_BYTES_RULE, `must be at most ${maxBytes} bytes`);
    }
    chunks.push(bytes);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw InputError.single(['body'], 'json', 'must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw InputError.single(['body'], 'json', 'must be a JSON object');
  return parsed as Record<string, unknown>;
}
