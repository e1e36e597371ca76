import { API_GATEWAY_TIMEOUT_SECONDS } from '@mlship/core';
import type { Desired } from './desired.js';
import { canonicalJson, ROUTES, sha256 } from './names.js';

/** Prefix of the deployment description that records which definition a deployment holds. */
export const HASH_PREFIX = 'mlship definition ';

const ERROR_TEMPLATE =
  '{"error":{"code":"$context.error.responseType","message":$context.error.messageString},"requestId":"$context.requestId"}';

export interface Definition {
  document: Record<string, unknown>;
  hash: string;
}

function postMethod(desired: Desired, aliasArn: string, region: string) {
  return {
    operationId: 'invoke',
    security: [{ cognito: desired.scopes, api_key: [] }],
    responses: { '200': { description: 'The model server answer, passed through by the proxy' } },
    'x-amazon-apigateway-integration': {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: `arn:${aliasArn.split(':')[1]}:apigateway:${region}:lambda:path/2015-03-31/functions/${aliasArn}/invocations`,
      passthroughBehavior: 'when_no_match',
      timeoutInMillis: API_GATEWAY_TIMEOUT_SECONDS * 1000,
    },
  };
}

function optionsMethod(allowOrigin: string) {
  const headers = {
    'Access-Control-Allow-Origin': `'${allowOrigin}'`,
    'Access-Control-Allow-Headers': "'Content-Type,Authorization,X-Api-Key'",
    'Access-Control-Allow-Methods': "'OPTIONS,POST'",
  };
  return {
    responses: {
      '200': {
        description: 'CORS preflight',
        headers: Object.fromEntries(Object.keys(headers).map((h) => [h, { schema: { type: 'string' } }])),
      },
    },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      passthroughBehavior: 'when_no_match',
      responses: {
        default: {
          statusCode: '200',
          responseParameters: Object.fromEntries(
            Object.entries(headers).map(([h, v]) => [`method.response.header.${h}`, v]),
          ),
        },
      },
    },
  };
}

function gatewayResponse(statusCode: string | undefined, allowOrigin: string | undefined) {
  return {
    ...(statusCode ? { statusCode } : {}),
    responseTemplates: { 'application/json': ERROR_TEMPLATE },
    ...(allowOrigin
      ? { responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': `'${allowOrigin}'` } }
      : {}),
  };
}

/**
 * The REST API as one OpenAPI 3 document with API Gateway's extensions (imported with PutRestApi, mode overwrite):
 * POST routes behind the Cognito authorizer (with scopes) and an API key, AWS_PROXY to the alias, JSON gateway errors.
 * Its hash, kept in the deployment's description, tells a re-run whether the API must be deployed again.
 */
export function buildDefinition(desired: Desired, poolArn: string, aliasArn: string): Definition {
  const cors = desired.cors?.allowOrigin;
  const paths = Object.fromEntries(
    ROUTES.map((route) => [
      route,
      {
        post: postMethod(desired, aliasArn, desired.region),
        ...(cors ? { options: optionsMethod(cors) } : {}),
      },
    ]),
  );
  const document = {
    openapi: '3.0.1',
    info: {
      title: desired.names.base,
      version: '1',
      description: `mlship front door for ${desired.names.base}`,
    },
    paths,
    components: {
      securitySchemes: {
        cognito: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'cognito_user_pools',
          'x-amazon-apigateway-authorizer': { type: 'cognito_user_pools', providerARNs: [poolArn] },
        },
        api_key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
      },
    },
    'x-amazon-apigateway-api-key-source': 'HEADER',
    'x-amazon-apigateway-gateway-responses': {
      DEFAULT_4XX: gatewayResponse(undefined, cors),
      DEFAULT_5XX: gatewayResponse(undefined, cors),
    },
  };
  return { document, hash: sha256(canonicalJson(document)).slice(0, 16) };
}

export function hashFromDescription(description: string | undefined): string | undefined {
  return description?.startsWith(HASH_PREFIX) ? description.slice(HASH_PREFIX.length) : undefined;
}
