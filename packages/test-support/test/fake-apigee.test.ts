import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkResponseBody, matchMethod } from '../src/apigee/discovery.js';
import { AUDIENCE } from '../src/apigee/token.js';
import { type FakeApigee, startFakeApigee } from '../src/index.js';

let fake: FakeApigee;
let token: string;
const ORG = '/v1/organizations/acme-org';

beforeAll(async () => {
  fake = await startFakeApigee();
});
beforeEach(async () => {
  fake.reset();
  const form = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    audience: AUDIENCE,
    scope: 'https://www.googleapis.com/auth/cloud-platform',
    requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    subject_token: fake.sts.subjectToken,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
  });
  const reply = await fetch(`${fake.url}/v1/token`, { method: 'POST', body: form });
  token = ((await reply.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await fake?.stop();
});

interface Reply {
  error: { code: number; message: string; status: string };
  [key: string]: unknown;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const reply = await fetch(`${fake.url}${path}`, init);
  return { status: reply.status, body: (await reply.json()) as Reply };
}

function bundle(extra: Record<string, string> = {}, server = 'ts-1') {
  const files = {
    'apiproxy/p.xml': '<APIProxy name="p"><Description>mlship bundle abc</Description></APIProxy>',
    'apiproxy/proxies/default.xml':
      '<ProxyEndpoint name="default"><HTTPProxyConnection><BasePath>/p</BasePath></HTTPProxyConnection></ProxyEndpoint>',
    'apiproxy/targets/default.xml': `<TargetEndpoint name="default"><LoadBalancer><Server name="${server}"/></LoadBalancer></TargetEndpoint>`,
    ...extra,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, data]) => [path, strToU8(data)])));
}

function upload(zip: Uint8Array, field = 'file'): FormData {
  const form = new FormData();
  form.append(field, new Blob([Buffer.from(zip)], { type: 'application/zip' }), 'bundle.zip');
  return form;
}

describe('fake Apigee management API', () => {
  it('answers 401 in Google’s error shape without a valid bearer token', async () => {
    const reply = await call('GET', `${ORG}/apis/p`, undefined, { authorization: 'Bearer nope' });
    expect(reply).toMatchObject({ status: 401, body: { error: { code: 401, status: 'UNAUTHENTICATED' } } });
  });

  it('rejects unknown fields, wrong types and unknown query parameters as the API does', async () => {
    const unknown = await call('POST', `${ORG}/environments/staging/targetservers`, {
      name: 't',
      host: 'h',
      port: 443,
      hots: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('Unknown name "hots"');
    const wrongType = await call('POST', `${ORG}/environments/staging/targetservers`, {
      name: 't',
      host: 'h',
      port: '443x',
    });
    expect(wrongType.body.error.message).toContain("Invalid value at 'port' (TYPE_INT32)");
    const query = await call('GET', `${ORG}/apis/p?overide=true`);
    expect(query.status).toBe(400);
    expect(query.body.error.message).toContain('Unknown name "overide"');
  });

  it('imports a multipart bundle as a new revision with the descriptor’s description and base paths', async () => {
    const missing = await call('POST', `${ORG}/apis?name=p&action=import`, upload(bundle(), 'zip'));
    expect(missing.body.error.message).toContain('part "file"');
    const broken = await call(
      'POST',
      `${ORG}/apis?name=p&action=import`,
      upload(bundle({ 'apiproxy/other.xml': '<x/>' })),
    );
    expect(broken.body.error.message).toContain('bundle contains errors');
    const first = await call('POST', `${ORG}/apis?name=p&action=import`, upload(bundle()));
    const second = await call('POST', `${ORG}/apis?name=p&action=import`, upload(bundle()));
    expect(first.body).toMatchObject({ revision: '1', description: 'mlship bundle abc', basepaths: ['/p'] });
    expect(second.body.revision).toBe('2');
    const validated = await call('POST', `${ORG}/apis?name=q&action=validate`, upload(bundle()));
    expect(validated.status).toBe(200);
    expect(fake.org().proxies.has('q')).toBe(false);
  });

  it('moves a deployment PROGRESSING → READY, and to ERROR when its target server is missing', async () => {
    await call('POST', `${ORG}/apis?name=p&action=import`, upload(bundle()));
    const dep = `${ORG}/environments/staging/apis/p/revisions/1/deployments`;
    expect((await call('POST', dep)).status).toBe(200);
    expect((await call('GET', dep)).body.state).toBe('PROGRESSING');
    const failed = await call('GET', dep);
    expect(failed.body).toMatchObject({
      state: 'ERROR',
      errors: [{ message: expect.stringContaining('TargetServer "ts-1"') }],
    });
    await call('POST', `${ORG}/environments/staging/targetservers`, {
      name: 'ts-1',
      host: 'h.example.com',
      port: 443,
    });
    await call('POST', `${ORG}/apis?name=p&action=import`, upload(bundle()));
    const dep2 = `${ORG}/environments/staging/apis/p/revisions/2/deployments`;
    expect((await call('POST', `${dep2}?override=true`)).status).toBe(200);
    await call('GET', dep2);
    expect((await call('GET', dep2)).body.state).toBe('READY');
    const noOverride = await call('POST', `${ORG}/environments/staging/apis/p/revisions/1/deployments`);
    expect(noOverride.body.error).toMatchObject({ status: 'FAILED_PRECONDITION' });
    const deleteDeployed = await call('DELETE', `${ORG}/apis/p/revisions/2`);
    expect(deleteDeployed.body.error.message).toContain('is deployed in environment staging');
  });

  it('requires encrypted key value maps, as Apigee X does', async () => {
    const reply = await call('POST', `${ORG}/environments/staging/keyvaluemaps`, {
      name: 'k',
      encrypted: false,
    });
    expect(reply.body.error.message).toContain('encrypted');
  });

  it('answers injected failures in Google’s shape', async () => {
    fake.failNext('apigee.organizations.apis.get', 403, 'Permission apigee.proxies.get denied');
    const reply = await call('GET', `${ORG}/apis/p`);
    expect(reply).toMatchObject({ status: 403, body: { error: { status: 'PERMISSION_DENIED' } } });
  });

  it('fails loudly when a fake handler answers outside the documented response schema', () => {
    const method = matchMethod('GET', '/v1/organizations/o/environments/e/targetservers/t');
    expect(() => checkResponseBody(method, { name: 't', host: 'h', port: 1, hots: 1 })).toThrow(
      /outside its response schema/,
    );
  });
});
