import { API_GATEWAY_TIMEOUT_SECONDS } from './constants.js';
import { type Rule, type RuleProblem, warning } from './rule-kit.js';
import type { ResolvedEnvironment } from './schema.js';
import { PROXY_TIMEOUT_MARGIN_SECONDS } from './schema-proxy.js';

/**
 * The proxy Lambda's timeout: proxy.timeoutSeconds, else the model's timeout plus a margin (at most 900 s, and at
 * most API Gateway's 29 s behind API Gateway, where a longer wait could never reach the client).
 */
export function proxyTimeoutSeconds(config: Pick<ResolvedEnvironment, 'proxy' | 'model' | 'front'>): number {
  if (config.proxy.timeoutSeconds !== undefined) return config.proxy.timeoutSeconds;
  const derived = Math.min(900, Math.ceil(config.model.timeoutSeconds) + PROXY_TIMEOUT_MARGIN_SECONDS);
  return config.front === 'apigateway' ? Math.min(derived, API_GATEWAY_TIMEOUT_SECONDS) : derived;
}

export const proxy: Rule = ({ proxy, model, front }) => {
  const set = proxy.timeoutSeconds;
  if (front === 'none' || set === undefined) return [];
  const problems: RuleProblem[] = [];
  if (front === 'apigateway' && set > API_GATEWAY_TIMEOUT_SECONDS) {
    problems.push(
      warning(
        ['proxy', 'timeoutSeconds'],
        `${set} s is above API Gateway's ${API_GATEWAY_TIMEOUT_SECONDS} s integration timeout; the client gets a 504 first`,
        `use at most ${API_GATEWAY_TIMEOUT_SECONDS}, or front: apigee`,
      ),
    );
  }
  if (set <= model.timeoutSeconds) {
    problems.push(
      warning(
        ['proxy', 'timeoutSeconds'],
        `${set} s does not exceed model.timeoutSeconds (${model.timeoutSeconds} s): the proxy stops before a slow prediction answers`,
        `use at least ${Math.ceil(model.timeoutSeconds) + 1}, or leave it unset`,
      ),
    );
  }
  return problems;
};
