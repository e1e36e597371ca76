import { alreadyExists, badRequest, notFound } from './google-error.js';
import type { Handler, HandlerInput } from './handler.js';
import type { KeyValueMap, TargetServer } from './state.js';

type Body = Record<string, unknown>;
const HOST =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

function envMap<T>(input: HandlerInput, maps: Map<string, Map<string, T>>, kind: string): Map<string, T> {
  const map = maps.get(input.params.environmentsId!);
  if (!map)
    throw notFound(`organizations/${input.org.name}/environments/${input.params.environmentsId} (${kind})`);
  return map;
}

function targetServer(body: Body, name: string): TargetServer {
  if (typeof body.host !== 'string' || !HOST.test(body.host)) {
    throw badRequest('TargetServer host is required and must be a valid RFC-1123 host name');
  }
  if (typeof body.port !== 'number' || body.port < 1 || body.port > 65535) {
    throw badRequest('TargetServer port is required and must be between 1 and 65535');
  }
  return { ...(body as unknown as TargetServer), name };
}

function kvmOf(input: HandlerInput): KeyValueMap {
  const kvm = envMap(input, input.org.kvms, 'keyvaluemaps').get(input.params.keyvaluemapsId!);
  if (!kvm) throw notFound(`keyvaluemap ${input.params.keyvaluemapsId}`);
  return kvm;
}

export const configHandlers: Record<string, Handler> = {
  'apigee.organizations.environments.targetservers.create': (input) => {
    const body = input.body as Body;
    const name = input.query.get('name') ?? (body.name as string | undefined);
    if (!name) throw badRequest('TargetServer name is required');
    const servers = envMap(input, input.org.targetServers, 'targetservers');
    if (servers.has(name)) throw alreadyExists(`TargetServer ${name}`);
    const server = targetServer(body, name);
    servers.set(name, server);
    return server;
  },
  'apigee.organizations.environments.targetservers.get': (input) => {
    const server = envMap(input, input.org.targetServers, 'targetservers').get(input.params.targetserversId!);
    if (!server) throw notFound(`targetserver ${input.params.targetserversId}`);
    return server;
  },
  'apigee.organizations.environments.targetservers.update': (input) => {
    const servers = envMap(input, input.org.targetServers, 'targetservers');
    const name = input.params.targetserversId!;
    if (!servers.has(name)) throw notFound(`targetserver ${name}`);
    const body = input.body as Body;
    if (body.name !== undefined && body.name !== name)
      throw badRequest('TargetServer name cannot be changed');
    const server = targetServer(body, name);
    servers.set(name, server);
    return server;
  },
  'apigee.organizations.environments.targetservers.delete': (input) => {
    const servers = envMap(input, input.org.targetServers, 'targetservers');
    const server = servers.get(input.params.targetserversId!);
    if (!server) throw notFound(`targetserver ${input.params.targetserversId}`);
    servers.delete(server.name);
    return server;
  },
  'apigee.organizations.environments.keyvaluemaps.create': (input) => {
    const body = input.body as Body;
    const kvms = envMap(input, input.org.kvms, 'keyvaluemaps');
    const name = body.name;
    if (typeof name !== 'string' || name === '') throw badRequest('KeyValueMap name is required');
    if (body.encrypted !== true)
      throw badRequest('Apigee X supports only encrypted key value maps: set encrypted=true');
    if (kvms.has(name)) throw alreadyExists(`KeyValueMap ${name}`);
    kvms.set(name, { name, encrypted: true, entries: new Map() });
    return { name, encrypted: true };
  },
  'apigee.organizations.environments.keyvaluemaps.delete': (input) => {
    const kvm = kvmOf(input);
    input.org.kvms.get(input.params.environmentsId!)!.delete(kvm.name);
    return { name: kvm.name, encrypted: true };
  },
  'apigee.organizations.environments.keyvaluemaps.entries.create': (input) => {
    const kvm = kvmOf(input);
    const body = input.body as Body;
    if (typeof body.name !== 'string' || typeof body.value !== 'string') {
      throw badRequest('KeyValueEntry name and value are required');
    }
    if (kvm.entries.has(body.name)) throw alreadyExists(`entry ${body.name}`);
    kvm.entries.set(body.name, body.value);
    return { name: body.name, value: body.value };
  },
  'apigee.organizations.environments.keyvaluemaps.entries.get': (input) => {
    const value = kvmOf(input).entries.get(input.params.entriesId!);
    if (value === undefined) throw notFound(`entry ${input.params.entriesId}`);
    return { name: input.params.entriesId!, value };
  },
  'apigee.organizations.environments.keyvaluemaps.entries.delete': (input) => {
    const kvm = kvmOf(input);
    const value = kvm.entries.get(input.params.entriesId!);
    if (value === undefined) throw notFound(`entry ${input.params.entriesId}`);
    kvm.entries.delete(input.params.entriesId!);
    return { name: input.params.entriesId!, value };
  },
  'apigee.organizations.apiproducts.create': (input) => {
    const body = input.body as Body;
    if (typeof body.name !== 'string' || body.name === '') throw badRequest('API product name is required');
    if (input.org.products.has(body.name)) throw alreadyExists(`API product ${body.name}`);
    const product = { ...body, createdAt: String(input.now), lastModifiedAt: String(input.now) };
    input.org.products.set(body.name, product);
    return product;
  },
  'apigee.organizations.apiproducts.get': (input) => {
    const product = input.org.products.get(input.params.apiproductsId!);
    if (!product) throw notFound(`apiproduct ${input.params.apiproductsId}`);
    return product;
  },
  'apigee.organizations.apiproducts.update': (input) => {
    const existing = input.org.products.get(input.params.apiproductsId!);
    if (!existing) throw notFound(`apiproduct ${input.params.apiproductsId}`);
    const product = { ...(input.body as Body), name: existing.name, createdAt: existing.createdAt };
    input.org.products.set(input.params.apiproductsId!, { ...product, lastModifiedAt: String(input.now) });
    return input.org.products.get(input.params.apiproductsId!);
  },
  'apigee.organizations.apiproducts.delete': (input) => {
    const product = input.org.products.get(input.params.apiproductsId!);
    if (!product) throw notFound(`apiproduct ${input.params.apiproductsId}`);
    input.org.products.delete(input.params.apiproductsId!);
    return product;
  },
};
