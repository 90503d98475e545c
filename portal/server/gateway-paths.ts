/**
 * The paths the portal's origin forwards to the gateway (development proxy, production server, ingress), as anchored
 * patterns: `/tickets` and `/tickets/:id` are portal pages, only a ticket's `/attachments` belong to the API.
 */
export const GATEWAY_PATH_PATTERNS = ['^/graphql(/|$)', '^/surveys/', '^/tickets/[^/]+/attachments(/|$)'] as const;

const patterns = GATEWAY_PATH_PATTERNS.map((source) => new RegExp(source));

/** True for a request path (without its query) that the gateway answers. */
export function isGatewayPath(path: string): boolean {
  return patterns.some((pattern) => pattern.test(path));
}
