import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configHandlers } from './config.js';
import { type DeployControls, deploymentHandlers } from './deployments.js';
import { developerHandlers } from './developers.js';
import {
  checkQuery,
  checkRequestBody,
  checkResponseBody,
  type MatchedMethod,
  matchMethod,
} from './discovery.js';
import { GoogleApiError } from './google-error.js';
import type { Handler } from './handler.js';
import { proxyHandlers } from './proxies.js';
import { parseBody } from './request-body.js';
import { ApigeeOrg } from './state.js';
import { FakeSts, STS_PATH } from './token.js';

export interface ApigeeCall {
  httpMethod: string;
  path: string;
  query: Record<string, string>;
  /** The discovery method id, e.g. apigee.organizations.apis.create; undefined for unknown URLs and the STS. */
  method: string | undefined;
  authorization: string | undefined;
  status: number;
}

export interface ApigeeUpload {
  proxy: string;
  action: string;
  zip: Uint8Array;
}

export interface FakeApigeeOptions {
  /** Organization → its environments; default `{ 'acme-org': ['staging', 'prod'] }`. */
  organizations?: Record<string, string[]>;
  /** Status reads that still see PROGRESSING after a deploy (default 1). */
  pollsBeforeDone?: number;
}

export interface FakeApigee {
  /** The API base URL, for APIGEE_API_URL. */
  url: string;
  sts: FakeSts;
  org(name?: string): ApigeeOrg;
  calls: ApigeeCall[];
  /** Calls other than GET (and the token exchange). */
  mutatingCalls(): ApigeeCall[];
  uploads: ApigeeUpload[];
  /** The next `times` calls of `method` (a discovery id, or '*') answer `status` in Google's error shape. */
  failNext(method: string, status: number, message?: string, times?: number): void;
  /** The next deployment ends in ERROR with these errors. */
  failNextDeployment(errors: Array<{ code: number; message: string }>): void;
  controls: DeployControls;
  reset(): void;
  stop(): Promise<void>;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  403: 'Permission denied on resource (or it may not exist).',
  409: 'The resource already exists.',
};

export async function startFakeApigee(options: FakeApigeeOptions = {}): Promise<FakeApigee> {
  const orgSpec = options.organizations ?? { 'acme-org': ['staging', 'prod'] };
  const orgs = new Map<string, ApigeeOrg>();
  const controls: DeployControls = {
    pollsBeforeDone: options.pollsBeforeDone ?? 1,
    nextDeploymentErrors: undefined,
  };
  const handlers: Record<string, Handler> = {
    ...proxyHandlers(),
    ...deploymentHandlers(controls),
    ...configHandlers,
    ...developerHandlers,
  };
  const failures: Array<{ method: string; status: number; message: string; times: number }> = [];
  const calls: ApigeeCall[] = [];
  const uploads: ApigeeUpload[] = [];
  let url = '';
  const sts = new FakeSts(() => url);

  const reset = () => {
    orgs.clear();
    for (const [name, envs] of Object.entries(orgSpec)) orgs.set(name, new ApigeeOrg(name, envs));
    failures.length = 0;
    calls.length = 0;
    uploads.length = 0;
    controls.pollsBeforeDone = options.pollsBeforeDone ?? 1;
    controls.nextDeploymentErrors = undefined;
  };
  reset();

  const send = (res: ServerResponse, status: number, body: unknown) => {
    if (body && typeof body === 'object' && 'raw' in body) {
      res.writeHead(status, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.from((body as { raw: Uint8Array }).raw));
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, call: ApigeeCall, query: URLSearchParams): Promise<unknown> => {
    let matched: MatchedMethod | undefined;
    try {
      matched = matchMethod(call.httpMethod, call.path);
    } catch (error) {
      if (!sts.valid(call.authorization, Date.now())) throw unauthenticated();
      throw error;
    }
    call.method = matched.id;
    const failure = failures.find((f) => (f.method === matched.id || f.method === '*') && f.times > 0);
    if (failure) {
      failure.times--;
      throw new GoogleApiError(failure.status, failure.message);
    }
    if (!sts.valid(call.authorization, Date.now())) throw unauthenticated();
    const org = orgs.get(matched.params.organizationsId!);
    if (!org) {
      throw new GoogleApiError(
        403,
        `Permission denied on resource "organizations/${matched.params.organizationsId}" (or it may not exist)`,
      );
    }
    const envId = matched.params.environmentsId;
    if (envId !== undefined && !org.environments.includes(envId)) {
      throw new GoogleApiError(404, `generic::not_found: environment "${envId}" not found in ${org.name}`);
    }
    checkQuery(matched, query);
    const { json, upload } = await parseBody(req);
    if (upload === undefined) checkRequestBody(matched, json);
    const answer = handlers[matched.id]!({
      org,
      params: matched.params,
      query,
      body: json,
      upload,
      now: Date.now(),
    });
    if (matched.id === 'apigee.organizations.apis.create' && upload) {
      uploads.push({ proxy: query.get('name')!, action: query.get('action')!, zip: upload.data });
    }
    if (!(answer && typeof answer === 'object' && 'raw' in answer)) checkResponseBody(matched, answer);
    return answer;
  };

  const server = createServer((req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://fake');
    const call: ApigeeCall = {
      httpMethod: req.method ?? 'GET',
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      method: undefined,
      authorization: req.headers.authorization,
      status: 0,
    };
    if (call.path === STS_PATH && call.httpMethod === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const reply = sts.exchange(new URLSearchParams(Buffer.concat(chunks).toString()), Date.now());
        send(res, reply.status, reply.body);
      });
      return;
    }
    calls.push(call);
    handle(req, call, parsed.searchParams)
      .then((body) => {
        call.status = 200;
        send(res, 200, body);
      })
      .catch((error: unknown) => {
        const apiError =
          error instanceof GoogleApiError
            ? error
            : new GoogleApiError(500, `fake apigee failed: ${String(error)}`);
        call.status = apiError.status;
        req.resume();
        send(res, apiError.status, apiError.body());
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    sts,
    org: (name = Object.keys(orgSpec)[0]!) => {
      const org = orgs.get(name);
      if (!org) throw new Error(`no fake organization ${name}`);
      return org;
    },
    calls,
    mutatingCalls: () => calls.filter((c) => c.httpMethod !== 'GET'),
    uploads,
    failNext: (method, status, message, times = 1) =>
      failures.push({
        method,
        status,
        message: message ?? DEFAULT_MESSAGES[status] ?? 'injected failure',
        times,
      }),
    failNextDeployment: (errors) => {
      controls.nextDeploymentErrors = errors;
    },
    controls,
    reset,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function unauthenticated(): GoogleApiError {
  return new GoogleApiError(401, DEFAULT_MESSAGES[401]!);
}
