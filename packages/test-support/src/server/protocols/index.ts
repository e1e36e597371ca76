import type { Route } from '../router.js';
import type { CallHooks, ServiceDefinition } from '../service.js';
import { awsJsonRoute } from './aws-json.js';
import { queryRoute } from './query.js';
import { restJsonRoute } from './rest-json.js';
import { restXmlRoute } from './rest-xml.js';

/** The route that speaks a service's wire protocol, picked from its model's `metadata.protocol`. */
export function routeFor(service: ServiceDefinition, hooks: CallHooks): Route {
  const protocol = service.model.metadata.protocol;
  if (protocol === 'json') return awsJsonRoute(service, hooks);
  if (protocol === 'rest-json') return restJsonRoute(service, hooks);
  if (protocol === 'query') return queryRoute(service, hooks);
  if (protocol === 'rest-xml') return restXmlRoute(service, hooks);
  return { matches: () => false, handle: () => Promise.reject(new Error(`${protocol} is not served yet`)) };
}
