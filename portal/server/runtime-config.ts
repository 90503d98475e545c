/** What the browser needs to know at run time (one build for every environment): served as /config.json. */
export interface PortalRuntimeConfig {
  /** Keycloak's base URL as the browser reaches it, e.g. https://sso.example.com. */
  keycloakUrl: string;
  realm: string;
  clientId: string;
  /** The company's default currency, for totals when a user has set none. */
  companyCurrency: string;
}

/** Reads the runtime config from the environment (PORTAL_KEYCLOAK_URL, PORTAL_KEYCLOAK_REALM, ...), dev defaults. */
export function portalRuntimeConfig(env: NodeJS.ProcessEnv): PortalRuntimeConfig {
  return {
    keycloakUrl: (env.PORTAL_KEYCLOAK_URL ?? 'http://localhost:8080').replace(/\/+$/, ''),
    realm: env.PORTAL_KEYCLOAK_REALM ?? 'crm',
    clientId: env.PORTAL_KEYCLOAK_CLIENT_ID ?? 'crm-portal',
    companyCurrency: env.PORTAL_COMPANY_CURRENCY ?? 'CNY',
  };
}
