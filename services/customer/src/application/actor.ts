/** Who is acting, for the audit columns and the events. */
export interface Actor {
  /** Keycloak subject of the user or service account; 'system' for the service's own jobs. */
  id: string;
  requestId: string;
}

export const systemActor = (requestId: string): Actor => ({ id: 'system', requestId });
