/**
 * Regenerates the IAM policies in docs/targets/{sagemaker,lambda,apigateway}.md from what each deployer declares
 * next to its calls (src/iam.ts), the same source as `mlship doctor --print-policy`:
 *   pnpm exec tsx --conditions=source scripts/gen-policy-docs.ts
 * A test fails when a committed document is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type DeployContext,
  type Deployer,
  renderPolicy,
  resolvedEnvironmentSchema,
} from '../packages/core/src/index.js';
import { deployer as apigateway } from '../packages/deployer-apigateway/src/index.js';
import { deployer as lambda } from '../packages/deployer-lambda/src/index.js';
import { deployer as sagemaker } from '../packages/deployer-sagemaker/src/index.js';

const END = '<!-- generated:end -->';
const start = (target: string) =>
  `<!-- generated:start: scripts/gen-policy-docs.ts renders this policy from deployer-${target}/src/iam.ts -->`;

/** Sample values and the placeholders the docs show instead. */
export const PLACEHOLDERS: Array<[string, string]> = [
  ['111122223333', 'ACCOUNT'],
  ['eu-west-1', 'REGION'],
  ['my-repo', 'REPO'],
  ['myapp', 'APP'],
  ['myenv', 'ENV'],
];

/** The environment name of the samples (`ENV` in the docs). */
export const SAMPLE_ENV = 'myenv';

export const SAMPLE_RELEASE = {
  name: 'myapp',
  model: { framework: 'onnx' },
  region: 'eu-west-1',
  image: { repository: 'my-repo' },
  sagemaker: {
    executionRoleArn: 'arn:aws:iam::111122223333:role/sagemaker-exec',
    autoscaling: { enabled: true },
  },
};

/** Each target's document and the release.yaml whose policy it shows (the one that needs the most). */
export const DOCS = {
  sagemaker: { deployer: sagemaker, release: SAMPLE_RELEASE },
  lambda: {
    deployer: lambda,
    release: {
      ...SAMPLE_RELEASE,
      front: 'apigee',
      api: { apigee: { organization: 'my-org', environment: 'prod', auth: { type: 'oauth' } } },
      cache: {
        enabled: true,
        provision: true,
        vpc: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] },
      },
    },
  },
  apigateway: {
    deployer: apigateway,
    release: {
      ...SAMPLE_RELEASE,
      front: 'apigateway',
      api: { apigateway: { accessLogs: { retentionInDays: 30 } } },
    },
  },
};

export type DocTarget = keyof typeof DOCS;

export function docPath(target: DocTarget): string {
  return fileURLToPath(new URL(`../docs/targets/${target}.md`, import.meta.url));
}

/** The sagemaker document (kept for callers from before the other targets declared theirs). */
export const DOC_PATH = docPath('sagemaker');

export function withPlaceholders(text: string): string {
  return PLACEHOLDERS.reduce((out, [value, placeholder]) => out.replaceAll(value, placeholder), text);
}

export function renderDocPolicy(target: DocTarget = 'sagemaker'): string {
  const config = resolvedEnvironmentSchema.parse(DOCS[target].release);
  const ctx = {
    resolved: { env: SAMPLE_ENV, file: 'release.yaml', config },
    env: {},
    upstream: {},
  } as unknown as DeployContext;
  const deployer = DOCS[target].deployer as unknown as Pick<Deployer, 'permissions'>;
  return withPlaceholders(renderPolicy(deployer.permissions?.(ctx) ?? []));
}

export function updateDoc(current: string, target: DocTarget = 'sagemaker'): string {
  const from = current.indexOf(start(target));
  const end = current.indexOf(END, from);
  if (from < 0 || end < 0) throw new Error(`${docPath(target)} lacks the generated markers`);
  return `${current.slice(0, from + start(target).length)}\n\n\`\`\`json\n${renderDocPolicy(target)}\n\`\`\`\n\n${current.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const target of Object.keys(DOCS) as DocTarget[]) {
    writeFileSync(docPath(target), updateDoc(readFileSync(docPath(target), 'utf8'), target));
    console.log(`updated ${docPath(target)}`);
  }
}
