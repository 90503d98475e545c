/**
 * The paths the portal's origin forwards to the gateway (development proxy, production server, ingress), as regular
 * expressions on the path: `/tickets` and `/tickets/:id` are the portal's own pages, only a ticket's attachment routes
 * are the gateway's.
 */
export const GATEWAY_PATH_PATTERNS = [
  '^/graphql(?:[/?]|$)',
  '^/surveys/',
  '^/tickets/[^/?]+/attachments(?:[/?]|$)',
] as const;

/** Whether a request path (with or without its query) is the gateway's. */
export function isGatewayPath(path: string): boolean {
  return GATEWAY_PATH_PATTERNS.some((pattern) => new RegExp(pattern).test(path));
}
