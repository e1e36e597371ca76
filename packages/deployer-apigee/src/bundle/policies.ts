import type { ApigeeConfig } from '../names.js';
import { el, text, type XmlElement } from './xml.js';

/** A policy file: its name is its file name and DisplayName, prefixed by type (apigeelint PO006-PO008). */
export interface Policy {
  name: string;
  xml: XmlElement;
}

type Child = XmlElement | false | undefined;

function policy(type: string, name: string, ...children: Child[]): Policy {
  return policyWith(type, name, {}, ...children);
}

function policyWith(type: string, name: string, attrs: Record<string, string>, ...children: Child[]): Policy {
  return {
    name,
    xml: el(
      type,
      { continueOnError: 'false', enabled: 'true', name, ...attrs },
      text('DisplayName', name),
      ...children,
    ),
  };
}

/** JSON bodies use @…# for variables so the braces of the JSON stay literal. */
function jsonPayload(code: string, message: string): XmlElement {
  const body = JSON.stringify({ error: { code, message, requestId: '@messageid#' } });
  return text('Payload', body, { contentType: 'application/json', variablePrefix: '@', variableSuffix: '#' });
}

export function spikeArrest(rate: string): Policy {
  return policy('SpikeArrest', 'SA-Limit', text('Rate', rate), text('UseEffectiveCount', true));
}

export const JWT_POLICY = 'JWT-Verify';
export const OAUTH_POLICY = 'OAuth-VerifyToken';

/**
 * Issuer, audience and JWKS URI come from the bundle's property set, not from literals in the policy. No Source: the
 * default reads the Authorization header and strips its `Bearer ` prefix.
 */
export function verifyJwt(algorithm: string): Policy {
  return policy(
    'VerifyJWT',
    JWT_POLICY,
    text('Algorithm', algorithm),
    el('PublicKey', {}, el('JWKS', { uriRef: 'propertyset.mlship.jwks_uri' })),
    el('Issuer', { ref: 'propertyset.mlship.issuer' }),
    el('Audience', { ref: 'propertyset.mlship.audience' }),
    text('IgnoreUnresolvedVariables', false),
  );
}

export function verifyAccessToken(scopes: readonly string[]): Policy {
  return policy(
    'OAuthV2',
    OAUTH_POLICY,
    text('Operation', 'VerifyAccessToken'),
    scopes.length > 0 && text('Scope', scopes.join(' ')),
  );
}

/** Limits from the API product the token's app belongs to; the literals apply when no product is resolved (JWT). */
export function quota(config: ApigeeConfig['quota'], identifier: string): Policy {
  return policy(
    'Quota',
    'Q-Enforce',
    el('Allow', { count: String(config.limit), countRef: 'apiproduct.developer.quota.limit' }),
    text('Interval', config.interval, { ref: 'apiproduct.developer.quota.interval' }),
    text('TimeUnit', config.timeUnit, { ref: 'apiproduct.developer.quota.timeunit' }),
    el('Identifier', { ref: identifier }),
    text('Distributed', true),
    text('Synchronous', true),
  );
}

export function cors(config: NonNullable<ApigeeConfig['cors']>): Policy {
  return policy(
    'CORS',
    'CORS-Allow',
    text('AllowOrigins', config.allowOrigins.map((origin) => new URL(origin).origin).join(', ')),
    text('AllowMethods', 'POST, OPTIONS'),
    text('AllowHeaders', 'authorization, content-type, accept, origin'),
    text('ExposeHeaders', 'x-cache, content-type'),
    text('MaxAge', config.maxAge),
    text('AllowCredentials', false),
    text('GeneratePreflightResponse', true),
    text('IgnoreUnresolvedVariables', true),
  );
}

export const ORIGIN_SECRET_VARIABLE = 'private.origin_secret';

/** Reads the origin secret from the environment's encrypted KVM; `private.` keeps it out of Debug sessions. */
export function kvmGetOriginSecret(kvm: string, key: string): Policy {
  return policyWith(
    'KeyValueMapOperations',
    'KVM-GetOriginSecret',
    { mapIdentifier: kvm },
    text('ExpiryTimeInSecs', 300),
    el('Get', { assignTo: ORIGIN_SECRET_VARIABLE }, el('Key', {}, text('Parameter', key))),
    text('Scope', 'environment'),
  );
}

/** Adds the origin secret header for the Function URL and drops the caller's credentials before they leave Apigee. */
export function setOriginSecret(header: string): Policy {
  return policy(
    'AssignMessage',
    'AM-SetOriginSecret',
    el('Remove', {}, el('Headers', {}, el('Header', { name: 'Authorization' }))),
    el('Set', {}, el('Headers', {}, text('Header', `{${ORIGIN_SECRET_VARIABLE}}`, { name: header }))),
    text('IgnoreUnresolvedVariables', false),
  );
}

export function notFound(): Policy {
  return policy(
    'RaiseFault',
    'RF-NotFound',
    el(
      'FaultResponse',
      {},
      el(
        'Set',
        {},
        jsonPayload('not_found', 'No such resource; POST to /predict, /predict/batch or /invocations.'),
        text('StatusCode', 404),
        text('ReasonPhrase', 'Not Found'),
      ),
    ),
    text('IgnoreUnresolvedVariables', true),
  );
}

export interface FaultResponse {
  name: string;
  status: number;
  reason: string;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export function faultResponse(fault: FaultResponse): Policy {
  const headers = Object.entries(fault.headers ?? {});
  return policy(
    'AssignMessage',
    fault.name,
    el(
      'Set',
      {},
      headers.length > 0 &&
        el('Headers', {}, ...headers.map(([name, value]) => text('Header', value, { name }))),
      jsonPayload(fault.code, fault.message),
      text('StatusCode', fault.status),
      text('ReasonPhrase', fault.reason),
    ),
    text('IgnoreUnresolvedVariables', true),
  );
}
