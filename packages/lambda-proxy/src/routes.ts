export type Route = '/predict' | '/predict/batch' | '/invocations';

const ROUTES: readonly Route[] = ['/predict/batch', '/predict', '/invocations'];

/**
 * The route a path names once a stage (`/prod/predict` on a REST API's execute-api URL, or a named HTTP API stage)
 * or a custom domain's base path (`/iris/v1/predict`) in front of it is ignored: a route matches the end of the
 * path at a segment boundary. Trailing slashes are ignored.
 */
export function matchRoute(path: string): Route | undefined {
  const trimmed = path.replace(/\/+$/, '').replace(/\/{2,}/g, '/');
  return ROUTES.find((route) => trimmed === route || trimmed.endsWith(route));
}
