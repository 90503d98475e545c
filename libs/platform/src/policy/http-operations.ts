import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Principal } from '../auth/principal';
import { toHttpError } from '../errors';
import { checkOperation, type AccessRule } from './access-rule';

/**
 * Routes are named `METHOD /path`; a `:name` segment matches any one segment. Matching is by segments, not by a
 * regular expression, so no request path can make it backtrack.
 */
function matches(pattern: string, method: string, path: string): boolean {
  const space = pattern.indexOf(' ');
  if (pattern.slice(0, space) !== method) return false;
  const want = pattern.slice(space + 1).split('/');
  const got = path.split('/');
  return (
    want.length === got.length &&
    want.every((segment, i) => segment === got[i] || (segment.startsWith(':') && !!got[i]))
  );
}

export function findHttpRule(
  rules: Readonly<Record<string, AccessRule>>,
  method: string,
  path: string,
): { route: string; rule: AccessRule } | undefined {
  // HEAD is answered by the GET route (express does the same).
  const asked = method === 'HEAD' ? 'GET' : method;
  for (const [route, rule] of Object.entries(rules)) if (matches(route, asked, path)) return { route, rule };
  return undefined;
}

/** The principal the gate verified, for the route behind it. */
export function gatePrincipal(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/**
 * Mounted before every route of a service: a request whose `METHOD /path` has no rule is refused with 403, a route
 * for some roles needs a verified token holding one of them (401 without a valid token, 403 without the role).
 * The principal is left in `res.locals.principal`.
 */
export function httpPolicyGate(
  rules: Readonly<Record<string, AccessRule>>,
  authenticate: (req: Request) => Promise<Principal>,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const found = findHttpRule(rules, req.method, req.path);
    const operation = found?.route ?? `${req.method} ${req.path}`;
    if (found && found.rule.kind !== 'roles') return next();
    const check = async () => {
      if (!found) checkOperation(operation, undefined, null);
      const principal = await authenticate(req);
      checkOperation(operation, found?.rule, principal);
      res.locals.principal = principal;
    };
    check().then(
      () => next(),
      (error: unknown) => {
        const { status, body } = toHttpError(error);
        res.status(status).json(body);
      },
    );
  };
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every `METHOD /path` route registered on the app, routers mounted with `app.use(router)` included. */
export function httpRoutesOf(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: RouterLayer[] | undefined) => {
    for (const layer of stack ?? []) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]))
          for (const path of paths) routes.push(`${method.toUpperCase()} ${path}`);
      } else walk(layer.handle?.stack);
    }
  };
  walk((app as unknown as { router?: { stack: RouterLayer[] } }).router?.stack);
  return [...new Set(routes)];
}
