import { gatewayResponsesOf, integrationOf, methodResponsesOf } from './import-parts.js';
import {
  type AuthorizerRecord,
  badRequest,
  type Json,
  type MethodRecord,
  type ResourceRecord,
  type RestApiRecord,
  randomId,
} from './state.js';

const METHODS: Record<string, string> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  delete: 'DELETE',
  patch: 'PATCH',
  head: 'HEAD',
  options: 'OPTIONS',
  'x-amazon-apigateway-any-method': 'ANY',
};
const PATH_PART = /^(\{[A-Za-z0-9._-]+\+?\}|[A-Za-z0-9._:-]+)$/;
export function parseBody(body: unknown): Json {
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? Buffer.from(body).toString('utf8')
        : undefined;
  let doc: Json;
  try {
    doc = JSON.parse(text ?? '');
  } catch {
    throw badRequest('Invalid OpenAPI input: the body is not valid JSON.');
  }
  const v3 = typeof doc?.openapi === 'string' && doc.openapi.startsWith('3.');
  if (!v3 && doc?.swagger !== '2.0')
    throw badRequest('Invalid OpenAPI input: expected openapi 3.x or swagger 2.0.');
  if (!doc.paths || typeof doc.paths !== 'object') throw badRequest('Invalid OpenAPI input: no paths.');
  return doc;
}

function authorizersOf(schemes: Record<string, Json>, api: RestApiRecord): Map<string, AuthorizerRecord> {
  const byName = new Map([...api.authorizers.values()].map((a) => [a.name, a]));
  const out = new Map<string, AuthorizerRecord>();
  for (const [name, scheme] of Object.entries(schemes)) {
    const auth = scheme['x-amazon-apigateway-authorizer'];
    if (!auth) continue;
    if (auth.type !== 'cognito_user_pools')
      throw badRequest(`Authorizer type ${auth.type} is not faked (${name})`);
    const arns: unknown = auth.providerARNs;
    if (!Array.isArray(arns) || arns.length === 0)
      throw badRequest(`Authorizer ${name}: providerARNs are required`);
    for (const arn of arns) {
      if (!/^arn:aws[\w-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+_[0-9a-zA-Z]+$/.test(String(arn))) {
        throw badRequest(`Invalid user pool ARN ${arn} for authorizer ${name}`);
      }
    }
    const record: AuthorizerRecord = {
      id: byName.get(name)?.id ?? randomId(6),
      name,
      type: 'COGNITO_USER_POOLS',
      providerARNs: arns.map(String),
      identitySource: `method.request.header.${scheme.name ?? 'Authorization'}`,
    };
    out.set(record.id, record);
  }
  return out;
}

/** PutRestApi: imports an OpenAPI definition with API Gateway's extensions (`mode` overwrite or merge). */
export function importDefinition(
  api: RestApiRecord,
  doc: Json,
  mode: string,
  failOnWarnings: boolean,
): string[] {
  const schemes: Record<string, Json> = doc.components?.securitySchemes ?? doc.securityDefinitions ?? {};
  const authorizers = authorizersOf(schemes, api);
  const authorizerByName = new Map([...authorizers.values()].map((a) => [a.name, a]));
  const warnings: string[] = [];
  const root = api.resources.get(api.rootResourceId);
  if (!root) throw new Error('rest API without a root resource');
  const resources = new Map(
    mode === 'overwrite' ? [[root.id, { ...root, resourceMethods: {} }]] : [...api.resources],
  );
  const byPath = new Map([...resources.values()].map((r) => [r.path, r]));
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    const parts = path === '/' ? [] : path.replace(/^\//, '').split('/');
    if (!path.startsWith('/') || parts.some((p) => !PATH_PART.test(p)))
      throw badRequest(`Invalid resource path ${path}`);
    let parent = byPath.get('/') as ResourceRecord;
    for (const part of parts) {
      const childPath = `${parent.path === '/' ? '' : parent.path}/${part}`;
      let child = byPath.get(childPath);
      if (!child) {
        child = {
          id: randomId(6),
          parentId: parent.id,
          pathPart: part,
          path: childPath,
          resourceMethods: {},
        };
        resources.set(child.id, child);
        byPath.set(childPath, child);
      }
      parent = child;
    }
    for (const [key, operation] of Object.entries<Json>(item)) {
      const httpMethod = METHODS[key];
      if (!httpMethod) continue;
      const where = `${httpMethod} ${path}`;
      const method: MethodRecord = { httpMethod, authorizationType: 'NONE', apiKeyRequired: false };
      const requirement = (operation.security ?? doc.security ?? [])[0] ?? {};
      for (const [name, scopes] of Object.entries<string[]>(requirement)) {
        const scheme = schemes[name];
        if (!scheme) throw badRequest(`Security scheme '${name}' is not defined (${where})`);
        const authorizer = authorizerByName.get(name);
        if (authorizer) {
          method.authorizationType = 'COGNITO_USER_POOLS';
          method.authorizerId = authorizer.id;
          if (scopes.length > 0) method.authorizationScopes = [...scopes];
        } else if (
          scheme.type === 'apiKey' &&
          scheme.in === 'header' &&
          String(scheme.name).toLowerCase() === 'x-api-key'
        ) {
          method.apiKeyRequired = true;
        } else {
          throw badRequest(`Unsupported security scheme '${name}' (${where})`);
        }
      }
      const integration = operation['x-amazon-apigateway-integration'];
      if (integration) method.methodIntegration = integrationOf(integration, where);
      else warnings.push(`No integration defined for method ${where}`);
      if (operation.responses) method.methodResponses = methodResponsesOf(operation.responses);
      parent.resourceMethods[httpMethod] = method;
    }
  }
  if (failOnWarnings && warnings.length > 0)
    throw badRequest(`Warnings found during import:\n\t${warnings.join('\n\t')}`);
  const responses = gatewayResponsesOf(doc['x-amazon-apigateway-gateway-responses']);
  api.resources = resources;
  api.authorizers = mode === 'overwrite' ? authorizers : new Map([...api.authorizers, ...authorizers]);
  api.gatewayResponses = mode === 'overwrite' ? responses : new Map([...api.gatewayResponses, ...responses]);
  const source = doc['x-amazon-apigateway-api-key-source'];
  if (source === 'HEADER' || source === 'AUTHORIZER') api.apiKeySource = source;
  if (doc.info?.description !== undefined) api.description = doc.info.description;
  return warnings;
}
