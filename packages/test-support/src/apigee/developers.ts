import { randomBytes, randomUUID } from 'node:crypto';
import { alreadyExists, badRequest, notFound } from './google-error.js';
import type { Handler, HandlerInput } from './handler.js';
import type { Developer, DeveloperApp } from './state.js';

type Body = Record<string, unknown>;

function developerOf(input: HandlerInput): Developer {
  const developer = input.org.developers.get(input.params.developersId!);
  if (!developer) throw notFound(`developer ${input.params.developersId}`);
  return developer;
}

function developerJson(d: Developer) {
  return {
    email: d.email,
    firstName: d.firstName,
    lastName: d.lastName,
    userName: d.userName,
    developerId: d.developerId,
    attributes: d.attributes ?? [],
    organizationName: '',
    status: 'active',
    apps: [...d.apps.keys()],
    createdAt: String(d.createdAt),
    lastModifiedAt: String(d.createdAt),
  };
}

function appJson(d: Developer, app: DeveloperApp) {
  return {
    name: app.name,
    appId: app.appId,
    developerId: d.developerId,
    apiProducts: app.apiProducts,
    attributes: app.attributes ?? [],
    status: 'approved',
    createdAt: String(app.createdAt),
    lastModifiedAt: String(app.createdAt),
    credentials: [
      {
        consumerKey: app.consumerKey,
        consumerSecret: app.consumerSecret,
        apiProducts: app.apiProducts.map((apiproduct) => ({ apiproduct, status: 'approved' })),
        status: 'approved',
        issuedAt: String(app.createdAt),
        expiresAt: '-1',
      },
    ],
  };
}

export const developerHandlers: Record<string, Handler> = {
  'apigee.organizations.developers.create': (input) => {
    const body = input.body as Body;
    for (const field of ['email', 'firstName', 'lastName', 'userName']) {
      if (typeof body[field] !== 'string' || body[field] === '')
        throw badRequest(`developer ${field} is required`);
    }
    const email = (body.email as string).toLowerCase();
    if (input.org.developers.has(email)) throw alreadyExists(`developer ${email}`);
    const developer: Developer = {
      email,
      firstName: body.firstName as string,
      lastName: body.lastName as string,
      userName: body.userName as string,
      developerId: randomUUID(),
      createdAt: input.now,
      attributes: (body.attributes as Developer['attributes']) ?? [],
      apps: new Map(),
    };
    input.org.developers.set(email, developer);
    return developerJson(developer);
  },
  'apigee.organizations.developers.get': (input) => developerJson(developerOf(input)),
  'apigee.organizations.developers.delete': (input) => {
    const developer = developerOf(input);
    input.org.developers.delete(developer.email);
    return developerJson(developer);
  },
  'apigee.organizations.developers.apps.create': (input) => {
    const developer = developerOf(input);
    const body = input.body as Body;
    if (typeof body.name !== 'string' || body.name === '') throw badRequest('app name is required');
    if (developer.apps.has(body.name)) throw alreadyExists(`app ${body.name}`);
    const products = (body.apiProducts as string[] | undefined) ?? [];
    const unknown = products.filter((p) => !input.org.products.has(p));
    if (unknown.length > 0) throw badRequest(`API product(s) ${unknown.join(', ')} do not exist`);
    const app: DeveloperApp = {
      name: body.name,
      appId: randomUUID(),
      apiProducts: products,
      createdAt: input.now,
      attributes: (body.attributes as DeveloperApp['attributes']) ?? [],
      consumerKey: randomBytes(24).toString('base64url'),
      consumerSecret: randomBytes(24).toString('base64url'),
    };
    developer.apps.set(app.name, app);
    return appJson(developer, app);
  },
  'apigee.organizations.developers.apps.get': (input) => {
    const developer = developerOf(input);
    const app = developer.apps.get(input.params.appsId!);
    if (!app) throw notFound(`app ${input.params.appsId}`);
    return appJson(developer, app);
  },
  'apigee.organizations.developers.apps.delete': (input) => {
    const developer = developerOf(input);
    const app = developer.apps.get(input.params.appsId!);
    if (!app) throw notFound(`app ${input.params.appsId}`);
    developer.apps.delete(app.name);
    return appJson(developer, app);
  },
};
