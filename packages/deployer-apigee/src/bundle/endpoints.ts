import { el, text, type XmlElement } from './xml.js';

export interface Step {
  policy: string;
  condition?: string;
}

export interface FaultRule {
  name: string;
  policy: string;
  condition: string;
}

export interface ConditionalFlow {
  name: string;
  /** No condition: the catch-all flow, which must come last. */
  condition?: string;
  request: Step[];
}

export interface ProxyEndpointModel {
  basePath: string;
  preFlow: Step[];
  flows: ConditionalFlow[];
  faultRules: FaultRule[];
  defaultFault: { policy: string; condition: string };
  /** A RouteRule without a target answering these requests from the proxy itself (CORS preflights). */
  noTargetCondition?: string;
}

export interface TargetEndpointModel {
  targetServer: string;
  preFlow: Step[];
  properties: Array<[string, string]>;
}

function step(s: Step): XmlElement {
  return el('Step', {}, text('Name', s.policy), s.condition !== undefined && text('Condition', s.condition));
}

function flow(name: string, request: Step[], condition?: string): XmlElement {
  return el(
    'Flow',
    { name },
    el('Request', {}, ...request.map(step)),
    el('Response'),
    condition !== undefined && text('Condition', condition),
  );
}

function emptyPostFlow(): XmlElement {
  return el('PostFlow', { name: 'PostFlow' }, el('Request'), el('Response'));
}

export function proxyEndpoint(model: ProxyEndpointModel): XmlElement {
  return el(
    'ProxyEndpoint',
    { name: 'default' },
    text('Description', 'Verifies the caller, limits traffic and routes predictions to the AWS side'),
    el(
      'FaultRules',
      {},
      ...model.faultRules.map((rule) =>
        el(
          'FaultRule',
          { name: rule.name },
          step({ policy: rule.policy }),
          text('Condition', rule.condition),
        ),
      ),
    ),
    el(
      'DefaultFaultRule',
      { name: 'default' },
      step({ policy: model.defaultFault.policy }),
      text('AlwaysEnforce', false),
      text('Condition', model.defaultFault.condition),
    ),
    el('PreFlow', { name: 'PreFlow' }, el('Request', {}, ...model.preFlow.map(step)), el('Response')),
    el('Flows', {}, ...model.flows.map((f) => flow(f.name, f.request, f.condition))),
    emptyPostFlow(),
    el('HTTPProxyConnection', {}, text('BasePath', model.basePath)),
    model.noTargetCondition !== undefined &&
      el('RouteRule', { name: 'no-target' }, text('Condition', model.noTargetCondition)),
    el('RouteRule', { name: 'default' }, text('TargetEndpoint', 'default')),
  );
}

export function targetEndpoint(model: TargetEndpointModel): XmlElement {
  return el(
    'TargetEndpoint',
    { name: 'default' },
    text('Description', 'The AWS side: the Lambda Function URL, through a TargetServer with TLS enforced'),
    el('PreFlow', { name: 'PreFlow' }, el('Request', {}, ...model.preFlow.map(step)), el('Response')),
    el('Flows'),
    emptyPostFlow(),
    el(
      'HTTPTargetConnection',
      {},
      el('LoadBalancer', {}, el('Server', { name: model.targetServer })),
      el('Properties', {}, ...model.properties.map(([name, value]) => text('Property', value, { name }))),
    ),
  );
}
