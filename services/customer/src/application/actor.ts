// The actor and the system actor are the platform's (@crm/platform/auth); re-exported for the application layer.
export { actorFromPrincipal, systemActor, type Actor } from '@crm/platform/auth';
