import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FakeCognito } from '../cognito/fake-cognito.js';
import { type Jwk, verifyJwt } from '../cognito/jwt.js';
import type { FakeLambda } from '../lambda/fake-lambda.js';
import { type HttpReply, jsonReply, type LoopbackServer, listen } from '../server/router.js';
import type { FakeApiGateway } from './fake-apigateway.js';
import { type Failure, gatewayError } from './gateway-responses.js';
import type { DeploymentRecord, MethodRecord, RestApiRecord } from './state.js';
import { UsageMeter } from './usage-meter.js';

/** An API Gateway v1 (REST) proxy event and the Lambda proxy answer, as AWS_PROXY integrations exchange them. */
export type ProxyHandler = (event: Record<string, unknown>) => Promise<{
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}>;

export interface InvokeGatewayOptions {
  apigateway: FakeApiGateway;
  cognito: FakeCognito;
  lambda: FakeLambda;
  jwks: () => { keys: Jwk[] };
  now?: () => number;
}

export interface InvokeGateway {
  /** `http://127.0.0.1:<port>/{restApiId}/{stage}`: a value for MLSHIP_APIGATEWAY_INVOKE_URL. */
  urlTemplate: string;
  /** The function (alias ARN) an AWS_PROXY integration invokes. */
  setHandler(functionArn: string, handler: ProxyHandler): void;
  meter: UsageMeter;
  close(): Promise<void>;
}

interface Call {
  api: RestApiRecord;
  stage: string;
  path: string;
  method: MethodRecord;
  req: IncomingMessage;
  body: Buffer;
  requestId: string;
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

function arnLike(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(value);
}

/**
 * The execute-api side of the API Gateway fake: serves each stage's deployed definition the way API Gateway does —
 * Cognito authorizer (JWT signature, issuer, scopes), API key + usage plan (throttle, quota), gateway responses,
 * and AWS_PROXY to a registered handler if the function's policy lets this API invoke it. Behaviour: FAKES.md.
 */
export async function startInvokeGateway(options: InvokeGatewayOptions): Promise<InvokeGateway> {
  const handlers = new Map<string, ProxyHandler>();
  const meter = new UsageMeter(options.now ?? Date.now);
  const nowSeconds = () => Math.floor((options.now ?? Date.now)() / 1000);

  const authorize = (call: Call, deployment: DeploymentRecord): Failure | Record<string, unknown> => {
    const { method } = call;
    let claims: Record<string, unknown> = {};
    if (method.authorizationType === 'COGNITO_USER_POOLS') {
      const authorizer = deployment.snapshot.authorizers.find((a) => a.id === method.authorizerId);
      const raw = header(
        call.req,
        (authorizer?.identitySource ?? 'method.request.header.Authorization').split('.').pop() as string,
      );
      if (!raw) return { type: 'UNAUTHORIZED', status: 401, message: 'Unauthorized' };
      const verified = verifyJwt(raw.replace(/^Bearer /, ''), options.jwks(), nowSeconds());
      const issuers = (authorizer?.providerARNs ?? []).map((arn) =>
        options.cognito.issuer(arn.split('/').pop() as string),
      );
      if ('reason' in verified || !issuers.includes(String(verified.claims.iss))) {
        return { type: 'UNAUTHORIZED', status: 401, message: 'Unauthorized' };
      }
      claims = verified.claims;
      const scopes = String(claims.scope ?? '').split(' ');
      if (method.authorizationScopes && !method.authorizationScopes.some((s) => scopes.includes(s))) {
        return { type: 'UNAUTHORIZED', status: 401, message: 'Unauthorized' };
      }
    }
    if (method.apiKeyRequired) {
      const value = header(call.req, 'x-api-key');
      const key = [...options.apigateway.apiKeys.values()].find((k) => k.value === value && k.enabled);
      const plan =
        key &&
        [...options.apigateway.usagePlans.values()].find(
          (p) =>
            p.keyIds.includes(key.id) &&
            p.apiStages.some((s) => s.apiId === call.api.id && s.stage === call.stage),
        );
      if (!key || !plan) return { type: 'INVALID_API_KEY', status: 403, message: 'Forbidden' };
      const refused = meter.admit(plan, key.id);
      if (refused === 'THROTTLED') return { type: 'THROTTLED', status: 429, message: 'Too Many Requests' };
      if (refused === 'QUOTA_EXCEEDED')
        return { type: 'QUOTA_EXCEEDED', status: 429, message: 'Limit Exceeded' };
      claims = { ...claims, apiKeyId: key.id };
    }
    return claims;
  };

  const integrate = async (call: Call, claims: Record<string, unknown>): Promise<HttpReply | Failure> => {
    const integration = call.method.methodIntegration;
    if (integration.type === 'MOCK') {
      const response = Object.values<{ statusCode: string; responseParameters?: Record<string, string> }>(
        integration.integrationResponses ?? {},
      )[0];
      const headers = Object.fromEntries(
        Object.entries(response?.responseParameters ?? {}).map(([k, v]) => [
          k.replace('method.response.header.', ''),
          v.replace(/^'|'$/g, ''),
        ]),
      );
      return { status: Number(response?.statusCode ?? 200), headers, body: '' };
    }
    const functionArn = /\/functions\/(arn:[^/]+)\/invocations$/.exec(integration.uri)?.[1] ?? '';
    const sourceArn = `arn:aws:execute-api:${options.apigateway.region}:${options.apigateway.accountId}:${call.api.id}/${call.stage}/${call.method.httpMethod}${call.path}`;
    const { record, qualifier } = (() => {
      try {
        return options.lambda.lookup(functionArn);
      } catch {
        return { record: undefined, qualifier: undefined };
      }
    })();
    const allowed = (record?.policies.get(qualifier ?? '') ?? []).some(
      (s) =>
        JSON.stringify(s.Principal).includes('apigateway.amazonaws.com') &&
        arnLike(s.Condition?.ArnLike?.['AWS:SourceArn'] ?? '*', sourceArn),
    );
    if (!allowed) return { type: 'API_CONFIGURATION_ERROR', status: 500, message: 'Internal server error' };
    const handler = handlers.get(functionArn);
    if (!handler) return { type: 'INTEGRATION_FAILURE', status: 502, message: 'Internal server error' };
    const headers = Object.fromEntries(
      Object.entries(call.req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
    );
    const result = await handler({
      resource: call.path,
      path: call.path,
      httpMethod: call.method.httpMethod,
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      queryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        resourcePath: call.path,
        httpMethod: call.method.httpMethod,
        stage: call.stage,
        requestId: call.requestId,
        apiId: call.api.id,
        identity: { sourceIp: '127.0.0.1', apiKeyId: claims.apiKeyId ?? null },
        authorizer: { claims },
      },
      body: call.body.length > 0 ? call.body.toString('utf8') : null,
      isBase64Encoded: false,
    }).catch(() => undefined);
    if (!result || typeof result.statusCode !== 'number') {
      return { type: 'DEFAULT_5XX', status: 502, message: 'Internal server error' };
    }
    const body = result.isBase64Encoded
      ? Buffer.from(result.body ?? '', 'base64').toString('utf8')
      : (result.body ?? '');
    return { status: result.statusCode, headers: result.headers ?? {}, body };
  };

  const server: LoopbackServer = await listen([
    {
      matches: () => true,
      handle: async (req, body) => {
        const requestId = randomUUID();
        const [, apiId, stage, ...rest] = (req.url ?? '/').split('?')[0]?.split('/') ?? [];
        const api = options.apigateway.restApis.get(apiId ?? '');
        const deployment = api?.deployments.get(api.stages.get(stage ?? '')?.deploymentId ?? '');
        if (!api || !deployment) return jsonReply(403, { message: 'Forbidden' });
        const path = `/${rest.join('/')}`;
        const resource = deployment.snapshot.resources.find((r) => r.path === path);
        const method = resource?.resourceMethods[req.method ?? ''] ?? resource?.resourceMethods.ANY;
        const fail = (failure: Failure) => gatewayError(deployment, failure, requestId);
        if (!method)
          return fail({
            type: 'MISSING_AUTHENTICATION_TOKEN',
            status: 403,
            message: 'Missing Authentication Token',
          });
        const call: Call = { api, stage: stage as string, path, method, req, body, requestId };
        const claims = authorize(call, deployment);
        if ('type' in claims && 'status' in claims) return fail(claims as Failure);
        const reply = await integrate(call, claims);
        return 'type' in reply ? fail(reply) : reply;
      },
    },
  ]);
  return {
    urlTemplate: `${server.endpoint}/{restApiId}/{stage}`,
    setHandler: (functionArn, handler) => handlers.set(functionArn, handler),
    meter,
    close: () => server.close(),
  };
}
