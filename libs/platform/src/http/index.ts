export { authenticatedRoute, type AuthenticatedRouteOptions, type RouteCaller } from './authenticated-route';
export { readJsonBody } from './json-body';
export { requestLog, nameRequestRoute, noteRequestErrors } from './request-log';
export { listenHttp } from './listen';
