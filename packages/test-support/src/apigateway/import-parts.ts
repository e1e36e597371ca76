import { badRequest, type GatewayResponseRecord, type Json, randomId } from './state.js';

const GATEWAY_RESPONSE_TYPES = [
  'DEFAULT_4XX',
  'DEFAULT_5XX',
  'RESOURCE_NOT_FOUND',
  'UNAUTHORIZED',
  'INVALID_API_KEY',
  'ACCESS_DENIED',
  'AUTHORIZER_FAILURE',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'INVALID_SIGNATURE',
  'EXPIRED_TOKEN',
  'MISSING_AUTHENTICATION_TOKEN',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
  'API_CONFIGURATION_ERROR',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_REQUEST_PARAMETERS',
  'BAD_REQUEST_BODY',
  'REQUEST_TOO_LARGE',
  'THROTTLED',
  'QUOTA_EXCEEDED',
  'WAF_FILTERED',
] as const;

const INTEGRATION_TYPES = ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'];
const LAMBDA_URI =
  /^arn:aws[\w-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?\/invocations$/;

/** OpenAPI `responses` → API Gateway MethodResponses (status code, declared headers). */
export function methodResponsesOf(responses: Record<string, Json>): Json {
  return Object.fromEntries(
    Object.entries(responses).map(([statusCode, response]) => [
      statusCode,
      {
        statusCode,
        ...(response?.headers
          ? {
              responseParameters: Object.fromEntries(
                Object.keys(response.headers).map((h) => [`method.response.header.${h}`, false]),
              ),
            }
          : {}),
      },
    ]),
  );
}

/** `x-amazon-apigateway-integration.responses` (keyed by selection pattern) → IntegrationResponses by status. */
function integrationResponsesOf(responses: Record<string, Json>): Json {
  return Object.fromEntries(
    Object.entries(responses).map(([pattern, response]) => {
      const statusCode = String(response.statusCode ?? '200');
      return [
        statusCode,
        {
          statusCode,
          ...(pattern !== 'default' ? { selectionPattern: pattern } : {}),
          ...(response.responseParameters ? { responseParameters: response.responseParameters } : {}),
          ...(response.responseTemplates ? { responseTemplates: response.responseTemplates } : {}),
        },
      ];
    }),
  );
}

export function integrationOf(raw: Json, where: string): Json {
  const type = String(raw.type ?? '').toUpperCase();
  if (!INTEGRATION_TYPES.includes(type))
    throw badRequest(`Invalid integration type '${raw.type}' at ${where}`);
  const timeout = raw.timeoutInMillis ?? 29000;
  if (!Number.isInteger(timeout) || timeout < 50 || timeout > 29000) {
    throw badRequest(`Timeout should be between 50 ms and 29000 ms (${where})`);
  }
  if (type === 'AWS_PROXY') {
    if (String(raw.httpMethod).toUpperCase() !== 'POST') {
      throw badRequest(`AWS_PROXY integrations must use httpMethod POST (${where})`);
    }
    if (!LAMBDA_URI.test(String(raw.uri)))
      throw badRequest(`Invalid Lambda function ARN in the integration uri (${where})`);
  }
  return {
    type,
    ...(raw.httpMethod ? { httpMethod: String(raw.httpMethod).toUpperCase() } : {}),
    ...(raw.uri ? { uri: raw.uri } : {}),
    passthroughBehavior: String(raw.passthroughBehavior ?? 'WHEN_NO_MATCH').toUpperCase(),
    timeoutInMillis: timeout,
    cacheNamespace: randomId(6),
    cacheKeyParameters: [],
    ...(raw.requestTemplates ? { requestTemplates: raw.requestTemplates } : {}),
    ...(raw.responses ? { integrationResponses: integrationResponsesOf(raw.responses) } : {}),
  };
}

export function gatewayResponsesOf(raw: Json): Map<string, GatewayResponseRecord> {
  const out = new Map<string, GatewayResponseRecord>();
  for (const [type, response] of Object.entries<Json>(raw ?? {})) {
    if (!(GATEWAY_RESPONSE_TYPES as readonly string[]).includes(type))
      throw badRequest(`Invalid gateway response type ${type}`);
    if (response.statusCode !== undefined && !/^[1-5]\d\d$/.test(String(response.statusCode))) {
      throw badRequest(`Invalid status code ${response.statusCode} for gateway response ${type}`);
    }
    for (const key of Object.keys(response.responseParameters ?? {})) {
      if (!/^gatewayresponse\.(header|querystring|path)\.[\w-]+$/.test(key)) {
        throw badRequest(`Invalid mapping expression specified: ${key}`);
      }
    }
    out.set(type, {
      responseType: type,
      ...(response.statusCode ? { statusCode: String(response.statusCode) } : {}),
      ...(response.responseParameters ? { responseParameters: response.responseParameters } : {}),
      ...(response.responseTemplates ? { responseTemplates: response.responseTemplates } : {}),
    });
  }
  return out;
}
