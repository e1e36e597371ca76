import { MlshipError } from './errors.js';

/** SageMaker names (Model, EndpointConfig, Endpoint): at most 63 characters of `[a-zA-Z0-9](-*[a-zA-Z0-9])*`. */
export const MAX_RESOURCE_NAME_LENGTH = 63;
export const SAGEMAKER_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
/** Length of the version hash in versioned names (`<name>-<env>-<hash>`). */
export const VERSION_HASH_LENGTH = 8;

const HASH_PATTERN = /^[a-z0-9]{8}$/;

/** Longest `name` whose versioned resource names still fit for environment `env`. */
export function maxNameLength(env: string): number {
  return MAX_RESOURCE_NAME_LENGTH - env.length - VERSION_HASH_LENGTH - 2;
}

function checked(name: string): string {
  if (name.length > MAX_RESOURCE_NAME_LENGTH || !SAGEMAKER_NAME_PATTERN.test(name)) {
    throw new MlshipError(
      'NAME_INVALID',
      `"${name}" is not a valid SageMaker resource name (at most ${MAX_RESOURCE_NAME_LENGTH} characters of letters, digits and hyphens)`,
      { hint: 'shorten `name` in release.yaml; `mlship validate` shows the limit per environment' },
    );
  }
  return name;
}

function checkedHash(hash: string): string {
  if (!HASH_PATTERN.test(hash)) {
    throw new MlshipError(
      'NAME_HASH_INVALID',
      `version hash "${hash}" must be 8 lowercase letters or digits`,
      {
        kind: 'internal',
      },
    );
  }
  return hash;
}

/** The endpoint's stable name: `<name>-<env>`. */
export function endpointName(name: string, env: string): string {
  return checked(`${name}-${env}`);
}

/** An immutable model version: `<name>-<env>-<hash>`. */
export function modelName(name: string, env: string, hash: string): string {
  return checked(`${name}-${env}-${checkedHash(hash)}`);
}

/** An immutable endpoint configuration: `<name>-<env>-<hash>` (its own namespace, so it may equal the model's). */
export function endpointConfigName(name: string, env: string, hash: string): string {
  return checked(`${name}-${env}-${checkedHash(hash)}`);
}

/** The Cognito hosted-domain prefix mlship derives when release.yaml sets none: `<name>-<env>`, lower-cased. */
export function defaultDomainPrefix(name: string, env: string): string {
  return `${name}-${env}`.toLowerCase();
}

/** Why Cognito would refuse a domain prefix (its pattern, length and reserved words), or undefined. */
export function domainPrefixProblem(prefix: string): string | undefined {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix)) {
    return `"${prefix}" is not a Cognito domain prefix (1 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen)`;
  }
  const reserved = ['aws', 'amazon', 'cognito'].find((word) => prefix.includes(word));
  return reserved
    ? `"${prefix}" contains "${reserved}", which Cognito reserves in domain prefixes`
    : undefined;
}
