export { authenticatedRoute, type AuthenticatedRouteOptions, type RouteCaller } from './authenticated-route';
