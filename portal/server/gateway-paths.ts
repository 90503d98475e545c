/** The paths the portal's origin forwards to the gateway (development proxy, production server, ingress). */
export const GATEWAY_PATHS = ['/graphql', '/surveys', '/tickets'] as const;
