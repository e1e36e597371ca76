import { GoogleApiError } from './google-error.js';
import modelJson from './model.json' with { type: 'json' };

interface Prop {
  type?: string;
  format?: string;
  enum?: string[];
  $ref?: string;
  items?: Prop;
  additionalProperties?: Prop;
}

interface MethodModel {
  httpMethod: string;
  flatPath: string;
  query: Record<string, Prop>;
  request?: string;
  response?: string;
}

interface DiscoveryModel {
  methods: Record<string, MethodModel>;
  schemas: Record<string, { properties: Record<string, Prop> }>;
}

const model = modelJson as unknown as DiscoveryModel;

/** Query parameters every Google API accepts (the discovery document's top-level `parameters`). */
const STANDARD_QUERY = new Set([
  '$.xgafv',
  'access_token',
  'alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyPrint',
  'quotaUser',
  'uploadType',
  'upload_protocol',
]);

export interface MatchedMethod {
  id: string;
  params: Record<string, string>;
  model: MethodModel;
}

const routes = Object.entries(model.methods).map(([id, m]) => {
  const names: string[] = [];
  const pattern = m.flatPath.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { id, m, names, regex: new RegExp(`^/${pattern.replace(/[.:]/g, (c) => `\\${c}`)}$`) };
});

/** The discovery method a request addresses, or a 404 as Google's front end answers an unknown URL. */
export function matchMethod(httpMethod: string, path: string): MatchedMethod {
  for (const route of routes) {
    if (route.m.httpMethod !== httpMethod) continue;
    const match = route.regex.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(
      route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]),
    );
    return { id: route.id, params, model: route.m };
  }
  throw new GoogleApiError(404, `The requested URL ${path} was not found on this server (${httpMethod}).`);
}

function typeName(prop: Prop): string {
  return `TYPE_${(prop.format ?? prop.type ?? 'message').toUpperCase()}`;
}

/** Rejects unknown query parameters and wrongly typed values as the API does. */
export function checkQuery(method: MatchedMethod, query: URLSearchParams): void {
  for (const [name, value] of query) {
    if (STANDARD_QUERY.has(name)) continue;
    const prop = method.model.query[name];
    if (!prop) {
      throw new GoogleApiError(
        400,
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
      );
    }
    if (prop.type === 'boolean' && value !== 'true' && value !== 'false') {
      throw new GoogleApiError(400, `Invalid value at '${name}' (TYPE_BOOL), "${value}"`);
    }
    if (prop.enum && !prop.enum.includes(value)) {
      throw new GoogleApiError(400, `Invalid value at '${name}' (${typeName(prop)}), "${value}"`);
    }
  }
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function checkValue(value: unknown, prop: Prop, at: string, problems: string[]): void {
  if (prop.$ref) {
    checkObject(value, prop.$ref, at, problems);
    return;
  }
  const type = prop.type;
  const ok =
    type === 'string'
      ? typeof value === 'string' && (!prop.enum || prop.enum.includes(value))
      : type === 'integer'
        ? Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value))
        : type === 'number'
          ? typeof value === 'number'
          : type === 'boolean'
            ? typeof value === 'boolean'
            : type === 'array'
              ? Array.isArray(value)
              : type === 'object'
                ? typeof value === 'object' && value !== null && !Array.isArray(value)
                : true;
  if (!ok) {
    problems.push(`Invalid value at '${at}' (${typeName(prop)}), ${JSON.stringify(value)}`);
    return;
  }
  if (type === 'array' && prop.items) {
    (value as unknown[]).forEach((item, i) => {
      checkValue(item, prop.items!, `${at}[${i}]`, problems);
    });
  }
  if (type === 'object' && prop.additionalProperties) {
    for (const [key, inner] of Object.entries(value as object)) {
      checkValue(inner, prop.additionalProperties, `${at}[${key}]`, problems);
    }
  }
}

function checkObject(value: unknown, schemaName: string, at: string, problems: string[]): void {
  const schema = model.schemas[schemaName];
  if (!schema) throw new Error(`schema ${schemaName} is not in the extracted model`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`Invalid value at '${at}' (type.googleapis.com/${schemaName}), ${JSON.stringify(value)}`);
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    const prop = schema.properties[key];
    if (!prop) {
      problems.push(`Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`);
      continue;
    }
    checkValue(inner, prop, at ? `${at}.${snake(key)}` : snake(key), problems);
  }
}

/** Checks a JSON request body against the method's request schema; all problems in one 400, as Google reports them. */
export function checkRequestBody(method: MatchedMethod, body: unknown): void {
  if (!method.model.request || method.model.request === 'GoogleApiHttpBody') return;
  const problems: string[] = [];
  checkObject(body, method.model.request, '', problems);
  if (problems.length > 0) {
    throw new GoogleApiError(
      400,
      problems.join('\n'),
      'INVALID_ARGUMENT',
      problems.map((description) => ({
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [{ description }],
      })),
    );
  }
}

/** A fake handler answering outside the documented response shape is a bug in the fake: it fails loudly. */
export function checkResponseBody(method: MatchedMethod, body: unknown): void {
  if (!method.model.response || method.model.response === 'GoogleApiHttpBody') return;
  const problems: string[] = [];
  checkObject(body, method.model.response, '', problems);
  if (problems.length > 0) {
    throw new Error(`fake apigee answered ${method.id} outside its response schema: ${problems.join('; ')}`);
  }
}
