import type { ApigeeConfig, ApigeeNames } from '../names.js';
import { ORIGIN_SECRET_HEADER, ORIGIN_SECRET_KEY } from '../names.js';
import type {
  ConditionalFlow,
  FaultRule,
  ProxyEndpointModel,
  Step,
  TargetEndpointModel,
} from './endpoints.js';
import * as p from './policies.js';

const PREFLIGHT = 'request.verb = "OPTIONS"';
const NOT_PREFLIGHT = 'request.verb != "OPTIONS"';

/** Everything the bundle holds, as data: policies, endpoints and the property set. */
export interface ProxyModel {
  name: string;
  policies: p.Policy[];
  proxy: ProxyEndpointModel;
  target: TargetEndpointModel;
  /** Non-secret settings the policies read as `propertyset.mlship.<key>`. */
  properties: Array<[string, string]>;
}

const FAULTS = {
  tooMany: { name: 'AM-Fault429', status: 429, reason: 'Too Many Requests', code: 'rate_limited' },
  unauthorized: { name: 'AM-Fault401', status: 401, reason: 'Unauthorized', code: 'unauthorized' },
  forbidden: { name: 'AM-Fault403', status: 403, reason: 'Forbidden', code: 'forbidden' },
  timeout: { name: 'AM-Fault504', status: 504, reason: 'Gateway Timeout', code: 'upstream_timeout' },
  badGateway: { name: 'AM-Fault502', status: 502, reason: 'Bad Gateway', code: 'upstream_unavailable' },
  internal: { name: 'AM-Fault500', status: 500, reason: 'Internal Server Error', code: 'internal' },
} as const;

const ROUTES: Array<[string, string]> = [
  ['predict', '/predict'],
  ['predict-batch', '/predict/batch'],
  ['invocations', '/invocations'],
];

function authPolicy(config: ApigeeConfig): { policy: p.Policy; failed: string; identifier: string } {
  if (config.auth.type === 'jwt') {
    return {
      policy: p.verifyJwt(config.auth.algorithm ?? 'RS256'),
      failed: `jwt.${p.JWT_POLICY}.failed = true`,
      identifier: `jwt.${p.JWT_POLICY}.decoded.claim.sub`,
    };
  }
  return {
    policy: p.verifyAccessToken(config.auth.scopes),
    failed: `(oauthV2.${p.OAUTH_POLICY}.failed = true) and (fault.name != "InsufficientScope")`,
    identifier: 'client_id',
  };
}

export function proxyModel(config: ApigeeConfig, names: ApigeeNames): ProxyModel {
  const auth = authPolicy(config);
  const guard = config.cors ? NOT_PREFLIGHT : undefined;
  const guarded = (policy: string): Step => (guard ? { policy, condition: guard } : { policy });

  const policies: p.Policy[] = [p.spikeArrest(config.spikeArrest.rate), auth.policy];
  policies.push(p.quota(config.quota, auth.identifier));
  if (config.cors) policies.push(p.cors(config.cors));
  policies.push(p.notFound(), p.kvmGetOriginSecret(names.kvm, ORIGIN_SECRET_KEY));
  policies.push(p.setOriginSecret(ORIGIN_SECRET_HEADER));

  const faultRules: FaultRule[] = [
    {
      name: 'too-many-requests',
      policy: FAULTS.tooMany.name,
      condition: '(fault.name = "SpikeArrestViolation") or (fault.name = "QuotaViolation")',
    },
    { name: 'unauthorized', policy: FAULTS.unauthorized.name, condition: auth.failed },
    { name: 'upstream-timeout', policy: FAULTS.timeout.name, condition: 'fault.name = "GatewayTimeout"' },
    {
      name: 'upstream-unavailable',
      policy: FAULTS.badGateway.name,
      condition: 'fault.name = "ServiceUnavailable"',
    },
  ];
  const faults: p.FaultResponse[] = [
    { ...FAULTS.tooMany, message: 'Too many requests; slow down and retry later.' },
    {
      ...FAULTS.unauthorized,
      message: 'A valid bearer token is required.',
      headers: { 'WWW-Authenticate': 'Bearer' },
    },
    { ...FAULTS.timeout, message: 'The model did not answer in time.' },
    { ...FAULTS.badGateway, message: 'The model service could not be reached.' },
    { ...FAULTS.internal, message: 'The request could not be completed.' },
  ];
  if (config.auth.type === 'oauth') {
    faultRules.push({
      name: 'forbidden',
      policy: FAULTS.forbidden.name,
      condition: 'fault.name = "InsufficientScope"',
    });
    faults.push({ ...FAULTS.forbidden, message: 'The token lacks a required scope.' });
  }
  policies.push(...faults.map(p.faultResponse));

  const flows: ConditionalFlow[] = ROUTES.map(([name, path]) => ({
    name,
    condition: `(proxy.pathsuffix MatchesPath "${path}") and (request.verb = "POST")`,
    request: [],
  }));
  if (config.cors) flows.push({ name: 'preflight', condition: PREFLIGHT, request: [] });
  flows.push({ name: 'not-found', request: [{ policy: 'RF-NotFound' }] });

  return {
    name: names.proxy,
    policies,
    proxy: {
      basePath: names.basePath,
      preFlow: [
        { policy: 'SA-Limit' },
        ...(config.cors ? [{ policy: 'CORS-Allow' }] : []),
        guarded(auth.policy.name),
        guarded('Q-Enforce'),
      ],
      flows,
      faultRules,
      defaultFault: { policy: FAULTS.internal.name, condition: 'fault.name != "RaiseFault"' },
      ...(config.cors ? { noTargetCondition: PREFLIGHT } : {}),
    },
    target: {
      targetServer: names.targetServer,
      preFlow: [{ policy: 'KVM-GetOriginSecret' }, { policy: 'AM-SetOriginSecret' }],
      properties: [
        ['success.codes', '1xx,2xx,3xx,4xx,5xx'],
        ['io.timeout.millis', '120000'],
      ],
    },
    properties:
      config.auth.type === 'jwt'
        ? [
            ['audience', config.auth.audience],
            ['issuer', config.auth.issuer],
            ['jwks_uri', config.auth.jwksUri],
          ]
        : [],
  };
}
