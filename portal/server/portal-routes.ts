/** The services behind the portal's origin: the GraphQL gateway, and the services' own bulk CSV routes. */
export type PortalUpstream = 'gateway' | 'customer' | 'salesPipeline';

export interface PortalRoute {
  /** A path prefix of the portal's origin, e.g. /graphql. */
  path: string;
  upstream: PortalUpstream;
}

/**
 * The API paths the portal's origin forwards (development proxy, production server, ingress): GraphQL, survey and
 * ticket routes to the gateway; CSV imports and exports (streamed bodies, not GraphQL) to the service that owns them.
 */
export const PORTAL_ROUTES: readonly PortalRoute[] = [
  { path: '/graphql', upstream: 'gateway' },
  { path: '/surveys', upstream: 'gateway' },
  { path: '/tickets', upstream: 'gateway' },
  { path: '/imports/accounts', upstream: 'customer' },
  { path: '/imports/contacts', upstream: 'customer' },
  { path: '/exports/accounts.csv', upstream: 'customer' },
  { path: '/imports/leads', upstream: 'salesPipeline' },
];

/** Each route whose upstream has a URL, with that URL: an upstream left unset is routed by an ingress instead. */
export function routeTargets(
  upstreams: Partial<Record<PortalUpstream, string>>,
): { path: string; target: string; upstream: PortalUpstream }[] {
  return PORTAL_ROUTES.flatMap((route) => {
    const target = upstreams[route.upstream];
    return target ? [{ ...route, target }] : [];
  });
}
