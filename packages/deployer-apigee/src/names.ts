import { type ResolvedConfig, userError } from '@mlship/core';

export type ApigeeConfig = NonNullable<ResolvedConfig['config']['api']['apigee']>;

/** The names of everything mlship creates in Apigee for one environment; all derived from release.yaml. */
export interface ApigeeNames {
  organization: string;
  environment: string;
  proxy: string;
  basePath: string;
  targetServer: string;
  kvm: string;
  product: string;
  developerEmail: string | undefined;
  app: string | undefined;
}

/** The KVM entry holding the origin secret the Lambda Function URL requires. */
export const ORIGIN_SECRET_KEY = 'origin-secret';
export const ORIGIN_SECRET_HEADER = 'x-mlship-origin-secret';

export function apigeeConfig(resolved: ResolvedConfig): ApigeeConfig {
  const apigee = resolved.config.api.apigee;
  if (!apigee) {
    throw userError(
      'APIGEE_CONFIG_MISSING',
      `Environment ${resolved.env} uses front: apigee but release.yaml has no api.apigee section.`,
      'Add api.apigee with organization, environment and auth (see docs/targets/apigee.md).',
    );
  }
  return apigee;
}

export function apigeeNames(resolved: ResolvedConfig): ApigeeNames {
  const apigee = apigeeConfig(resolved);
  const proxy = apigee.proxyName ?? `${resolved.config.name}-${resolved.env}`;
  return {
    organization: apigee.organization,
    environment: apigee.environment,
    proxy,
    basePath: apigee.basePath ?? `/${resolved.config.name}/${resolved.env}`,
    targetServer: apigee.targetServer ?? `${proxy}-aws`,
    kvm: `${proxy}-secrets`,
    product: `${proxy}-product`,
    developerEmail: apigee.developerApp?.developerEmail,
    app: apigee.developerApp ? (apigee.developerApp.appName ?? `${proxy}-app`) : undefined,
  };
}
