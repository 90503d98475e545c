/** The services behind the portal's origin: the GraphQL gateway, and the services' own bulk CSV routes. */
export type PortalUpstream = 'gateway' | 'customer' | 'salesPipeline';

export interface PortalRoute {
  /**
   * An anchored pattern of the request path (without its query): `/tickets` and `/tickets/:id` are portal pages, only
   * a ticket's `/attachments` belong to the API; `/import` is the wizard's page, `/imports/accounts` the service's.
   */
  pattern: string;
  upstream: PortalUpstream;
}

/**
 * The API paths the portal's origin forwards (development proxy, production server, ingress): GraphQL, surveys and
 * ticket attachments to the gateway; CSV imports and exports (streamed bodies, not GraphQL) to the service owning them.
 */
export const PORTAL_ROUTES: readonly PortalRoute[] = [
  { pattern: '^/graphql(/|$)', upstream: 'gateway' },
  { pattern: '^/surveys/', upstream: 'gateway' },
  { pattern: '^/tickets/[^/]+/attachments(/|$)', upstream: 'gateway' },
  // The CSV routes take their options in the query; Vite matches its keys against the URL with the query.
  { pattern: '^/imports/(accounts|contacts)(\\?|$)', upstream: 'customer' },
  { pattern: '^/exports/accounts\\.csv(\\?|$)', upstream: 'customer' },
  { pattern: '^/imports/leads(\\?|$)', upstream: 'salesPipeline' },
];

/** The upstreams that have a URL, each with the paths it answers: one left unset is routed by an ingress instead. */
export function routeTargets(
  upstreams: Partial<Record<PortalUpstream, string>>,
): { target: string; patterns: string[]; matches(path: string): boolean }[] {
  const byTarget = new Map<string, string[]>();
  for (const route of PORTAL_ROUTES) {
    const target = upstreams[route.upstream];
    if (target) byTarget.set(target, [...(byTarget.get(target) ?? []), route.pattern]);
  }
  return [...byTarget].map(([target, patterns]) => {
    const compiled = patterns.map((p) => new RegExp(p));
    return { target, patterns, matches: (path) => compiled.some((r) => r.test(path)) };
  });
}
