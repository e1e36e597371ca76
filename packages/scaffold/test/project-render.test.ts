import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRelease } from '@mlship/core';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectContext } from '../src/context.js';
import { completeAnswers, type InitAnswers, type PartialAnswers } from '../src/index.js';
import { renderTemplateDir } from '../src/render.js';
import { templateDir } from '../src/templates-dir.js';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const circleSchema = JSON.parse(
  readFileSync(join(repoRoot, 'test', 'fixtures', 'circleci-config.schema.json'), 'utf8'),
);
const validateCircle = new Ajv({ allErrors: true, strict: false }).compile(circleSchema);

async function render(given: PartialAnswers): Promise<{ answers: InitAnswers; files: Map<string, string> }> {
  const answers = completeAnswers(given);
  const rendered = await renderTemplateDir(templateDir('project'), projectContext(answers));
  return { answers, files: new Map(rendered.map((f) => [f.path, f.contents.toString()])) };
}

describe('project templates', () => {
  it('render release.yaml, the CircleCI pipeline, README and .gitignore', async () => {
    const { files } = await render({ name: 'demo' });
    expect([...files.keys()].sort()).toEqual([
      '.circleci/config.yml',
      '.gitignore',
      'README.md',
      'release.yaml',
    ]);
  });

  it('release.yaml carries the schema line and passes the loader for every environment', async () => {
    const { files } = await render({
      name: 'Sentiment-2',
      environments: ['dev', 'qa', 'staging', 'prod'],
      apigee: {
        organization: 'acme',
        jwksUri: 'https://auth.acme.io/jwks.json',
        environments: { prod: 'live' },
      },
      tags: { 'cost-center': '1234', owner: 'a b' },
      team: 'insight',
      instanceCount: 2,
      autoscaling: { enabled: true, min: 2, max: 6, target: 250 },
      cache: { enabled: true, redisUrl: 'rediss://cache.acme.io:6380/0' },
    });
    const text = files.get('release.yaml') ?? '';
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=node_modules/@mlship/core/release.schema.json',
    );
    const release = parseRelease(text, 'release.yaml');
    const byEnv = Object.fromEntries(release.environments.map((e) => [e.env, e.config]));
    expect(Object.keys(byEnv)).toEqual(['dev', 'qa', 'staging', 'prod']);
    expect(byEnv.dev?.front).toBe('apigateway');
    expect(byEnv.staging?.api.apigee?.environment).toBe('staging');
    expect(byEnv.prod?.api.apigee?.environment).toBe('live');
    expect(byEnv.prod?.sagemaker.autoscaling).toMatchObject({
      enabled: true,
      minInstances: 2,
      maxInstances: 6,
    });
    expect(byEnv.prod?.cache).toMatchObject({ enabled: true, redisUrl: 'rediss://cache.acme.io:6380/0' });
    expect(byEnv.prod?.tags).toEqual({ team: 'insight', 'cost-center': '1234', owner: 'a b' });
    expect(byEnv.prod?.image.repository).toBe('sentiment-2');
  });

  it('marks the placeholder role with a TODO', async () => {
    const { files } = await render({ name: 'demo' });
    const text = files.get('release.yaml') ?? '';
    expect(text).toMatch(
      /# TODO: replace with your SageMaker execution role[\s\S]*executionRoleArn: "arn:aws:iam::123456789012/,
    );
    const own = await render({ name: 'demo', executionRoleArn: 'arn:aws:iam::210987654321:role/exec' });
    expect(own.files.get('release.yaml')).not.toContain('TODO: replace with your SageMaker');
  });

  it('the pipeline validates against the CircleCI schema and deploys only the chosen environments, in order', async () => {
    const { files } = await render({ name: 'demo', environments: ['dev', 'prod'], region: 'eu-west-1' });
    const config = parse(files.get('.circleci/config.yml') ?? '');
    expect(validateCircle(config), JSON.stringify(validateCircle.errors, null, 2)).toBe(true);
    const jobs = config.workflows.release.jobs.map((j: string | Record<string, Record<string, unknown>>) =>
      typeof j === 'string' ? { name: j } : { key: Object.keys(j)[0], ...Object.values(j)[0] },
    );
    expect(jobs.map((j: { name?: string; key?: string }) => j.name ?? j.key)).toEqual([
      'test',
      'build-and-push',
      'approve-dev',
      'deploy-dev',
      'approve-prod',
      'deploy-prod',
    ]);
    expect(jobs.find((j: { name?: string }) => j.name === 'deploy-prod')).toMatchObject({
      env: 'prod',
      context: 'mlship-prod',
      requires: ['approve-prod'],
    });
    expect(jobs.find((j: { key?: string }) => j.key === 'approve-prod')).toMatchObject({
      type: 'approval',
      requires: ['deploy-dev'],
    });
    const deploy = JSON.stringify(config.jobs.deploy);
    expect(deploy).toContain('mlship deploy --env << parameters.env >> --image-tag \\"$CIRCLE_SHA1\\"');
    const text = files.get('.circleci/config.yml') ?? '';
    expect(text).not.toMatch(/AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID/);
    expect(text).toContain('CIRCLE_OIDC_TOKEN_V2');
    expect(text).toContain('npm-v2-{{ checksum "/tmp/npm-cache-key" }}');
    expect(text).toContain('if [ -f package-lock.json ]; then cp package-lock.json /tmp/npm-cache-key;');
    expect(JSON.stringify(config.jobs.test.steps)).toContain('npm-install');
    expect(config.commands['npm-install'].steps[2].run.command).toContain(
      'if [ -f package-lock.json ]; then npm ci;',
    );
    // The deploy job installs mlship and its deployers only, not the server's toolchain and onnxruntime.
    expect(config.jobs.deploy.steps).toEqual(['checkout', 'mlship-install', 'aws-oidc', expect.any(Object)]);
    expect(config.commands['mlship-install'].steps[2].run.command).toContain(
      'npm install --prefix /tmp/mlship --no-save',
    );
    expect(config.executors.node.docker[0].image).toBe('cimg/node:24.11');
    const build = JSON.stringify(config.jobs['build-and-push']);
    expect(build).toContain('--image-tag-mutability IMMUTABLE');
    expect(build).toMatch(
      /describe-images --repository-name \\"\$REPOSITORY\\" --image-ids \\"imageTag=\$\{CIRCLE_SHA1\}/,
    );
    expect(build).toContain('circleci-agent step halt');
    expect(config.executors.node.environment.AWS_REGION).toBe('eu-west-1');
  });

  it('the README names an environment the project has', async () => {
    const { files } = await render({ name: 'demo', environments: ['staging', 'prod'] });
    expect(files.get('README.md')).toContain('`npx mlship deploy --env staging --dry-run`');
  });

  it('a broken pipeline fails the schema (the check can fail)', async () => {
    const { files } = await render({ name: 'demo' });
    const config = parse(files.get('.circleci/config.yml') ?? '');
    config.jobs.test.steps = 'npm test';
    expect(validateCircle(config)).toBe(false);
  });
});
