import { existsSync, statSync } from 'node:fs';
import { checkbox, input, select } from '@inquirer/prompts';
import {
  checkAnswer,
  defaultFront,
  ENVIRONMENTS,
  type EnvironmentName,
  type PartialAnswers,
} from '@mlship/scaffold';
import { type Askers, dflt, one, valid } from './ask-common.js';

/** The model, its environments and their front doors. */
export const MODEL_ASKERS: Askers = {
  name: async (given) => one('name', await input({ message: 'Model name', validate: valid('name', given) })),
  framework: async (given, ctx) =>
    one(
      'framework',
      await select({
        message: 'Model framework',
        default: dflt('framework', given, ctx),
        choices: [
          {
            value: 'onnx',
            name: 'onnx',
            description: 'an exported .onnx model, served with onnxruntime-node',
          },
          { value: 'custom', name: 'custom', description: 'a predict() function you write in TypeScript' },
        ],
      }),
    ),
  modelFile: async () =>
    one(
      'modelFile',
      await input({
        message: 'Path to the .onnx model file',
        validate: (path) => {
          if (!path.toLowerCase().endsWith('.onnx')) return 'a file ending in .onnx';
          return existsSync(path) && statSync(path).isFile() ? true : `no such file: ${path}`;
        },
      }),
    ),
  environments: async (given, ctx) => {
    const defaults = dflt<EnvironmentName[]>('environments', given, ctx) ?? [];
    const picked = await checkbox({
      message: 'Environments to create',
      choices: ENVIRONMENTS.map((env) => ({ value: env, name: env, checked: defaults.includes(env) })),
      validate: (items) => (items.length > 0 ? true : 'choose at least one environment'),
    });
    return one('environments', picked);
  },
  fronts: async (given) => {
    const fronts: Record<string, string> = {};
    for (const env of given.environments ?? []) {
      fronts[env] = await select({
        message: `API front door for ${env}`,
        default: defaultFront(env),
        choices: [
          {
            value: 'apigateway',
            name: 'apigateway',
            description: 'API Gateway with a Cognito authorizer and an API key',
          },
          {
            value: 'apigee',
            name: 'apigee',
            description: 'Apigee X proxy: JWT verification, quota, spike arrest',
          },
          { value: 'none', name: 'none', description: 'no front door: the Lambda proxy only' },
        ],
      });
    }
    return { fronts } as PartialAnswers;
  },
  'apigee.organization': async (given, ctx) =>
    one(
      'apigee.organization',
      await input({
        message: 'Apigee organization',
        default: dflt('apigee.organization', given, ctx),
        validate: valid('apigee.organization', given),
      }),
    ),
  'apigee.environments': async (given) => {
    const environments: Record<string, string> = {};
    for (const env of given.environments ?? []) {
      if ((given.fronts?.[env] ?? defaultFront(env)) !== 'apigee') continue;
      environments[env] = await input({
        message: `Apigee environment for ${env}`,
        default: env,
        validate: (name) => checkAnswer('apigee.environments', { [env]: name }),
      });
    }
    return one('apigee.environments', environments);
  },
  'apigee.jwksUri': async (given, ctx) =>
    one(
      'apigee.jwksUri',
      await input({
        message: 'JWKS URL of your auth service',
        default: dflt('apigee.jwksUri', given, ctx),
        validate: valid('apigee.jwksUri', given),
      }),
    ),
};
