import {
  apigeeEnvironmentOf,
  type EnvironmentName,
  type FrontDoorChoice,
  frontOf,
  type InitAnswers,
  PLACEHOLDER_APIGEE_ORG,
  PLACEHOLDER_JWKS_URI,
  placeholderRoleArn,
} from './answers.js';
import { deploySummary } from './deploy-summary.js';

/** Everything the `templates/project` files need, derived from the answers (and nothing else). */
export interface ProjectContext {
  name: string;
  framework: InitAnswers['framework'];
  modelPath: string;
  region: string;
  repository: string;
  instance: { type: string; count: number; volumeSizeInGB: number };
  executionRoleArn: string;
  placeholderRole: boolean;
  autoscaling: InitAnswers['autoscaling'];
  cache: InitAnswers['cache'];
  apigateway: boolean;
  apigee:
    | {
        organization: string;
        environment: string;
        issuer: string;
        audience: string;
        jwksUri: string;
        placeholder: boolean;
      }
    | false;
  anyApigee: boolean;
  noApi: boolean;
  tags: { key: string; value: string }[];
  environments: {
    name: EnvironmentName;
    front: FrontDoorChoice;
    apigeeEnvironment: string | false;
    /** What `mlship deploy` creates there, with the deployers this release ships (README). */
    deploys: string;
  }[];
  /** CI stages in order: each deploy waits for an approval that requires the previous stage. */
  pipeline: { env: EnvironmentName; previous: string }[];
}

export const ONNX_MODEL_FILE = 'model.onnx';

export function projectContext(answers: InitAnswers): ProjectContext {
  const environments: ProjectContext['environments'] = answers.environments.map((env) => {
    const front = frontOf(answers, env);
    return {
      name: env,
      front,
      apigeeEnvironment: front === 'apigee' ? apigeeEnvironmentOf(answers, env) : false,
      deploys: deploySummary(front, answers.cache.enabled),
    };
  });
  const firstApigee = environments.find((e) => e.apigeeEnvironment);
  const apigee =
    answers.apigee && firstApigee
      ? {
          organization: answers.apigee.organization,
          environment: firstApigee.apigeeEnvironment as string,
          issuer: new URL(answers.apigee.jwksUri).origin,
          audience: answers.name,
          jwksUri: answers.apigee.jwksUri,
          placeholder:
            answers.apigee.organization === PLACEHOLDER_APIGEE_ORG ||
            answers.apigee.jwksUri === PLACEHOLDER_JWKS_URI,
        }
      : false;
  const apigateway = environments.some((e) => e.front === 'apigateway');
  const tags = [
    { key: 'team', value: answers.team },
    ...Object.entries(answers.tags)
      .filter(([key]) => key !== 'team')
      .map(([key, value]) => ({ key, value })),
  ];
  return {
    name: answers.name,
    framework: answers.framework,
    modelPath: answers.framework === 'onnx' ? `model/${ONNX_MODEL_FILE}` : 'model',
    region: answers.region,
    repository: answers.name.toLowerCase().replace(/-+/g, '-'),
    instance: {
      type: answers.instanceType,
      count: answers.instanceCount,
      volumeSizeInGB: answers.volumeSize,
    },
    executionRoleArn: answers.executionRoleArn,
    placeholderRole: answers.executionRoleArn === placeholderRoleArn(answers.region),
    autoscaling: answers.autoscaling,
    cache: answers.cache,
    apigateway,
    apigee,
    anyApigee: apigee !== false,
    noApi: !apigateway && apigee === false,
    tags,
    environments,
    pipeline: answers.environments.map((env, i) => ({
      env,
      previous: i === 0 ? 'build-and-push' : `deploy-${answers.environments[i - 1]}`,
    })),
  };
}
