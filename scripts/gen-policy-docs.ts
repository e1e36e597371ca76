/**
 * Regenerates the IAM policy in docs/targets/sagemaker.md from what deployer-sagemaker declares next to its calls
 * (src/iam.ts), the same source as `mlship doctor --print-policy`:
 *   pnpm exec tsx --conditions=source scripts/gen-policy-docs.ts
 * A test fails when the committed document is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DeployContext, renderPolicy, resolvedEnvironmentSchema } from '../packages/core/src/index.js';
import { deployer } from '../packages/deployer-sagemaker/src/index.js';

export const DOC_PATH = fileURLToPath(new URL('../docs/targets/sagemaker.md', import.meta.url));
const START =
  '<!-- generated:start: scripts/gen-policy-docs.ts renders this policy from deployer-sagemaker/src/iam.ts -->';
const END = '<!-- generated:end -->';

/** Sample values and the placeholders the docs show instead. */
export const PLACEHOLDERS: Array<[string, string]> = [
  ['111122223333', 'ACCOUNT'],
  ['eu-west-1', 'REGION'],
  ['my-repo', 'REPO'],
  ['myapp', 'APP'],
];

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

export function withPlaceholders(text: string): string {
  return PLACEHOLDERS.reduce((out, [value, placeholder]) => out.replaceAll(value, placeholder), text);
}

export function renderDocPolicy(): string {
  const config = resolvedEnvironmentSchema.parse(SAMPLE_RELEASE);
  const ctx = { resolved: { env: 'dev', file: 'release.yaml', config }, env: {} } as unknown as DeployContext;
  return withPlaceholders(renderPolicy(deployer.permissions?.(ctx) ?? []));
}

export function updateDoc(current: string): string {
  const start = current.indexOf(START);
  const end = current.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`${DOC_PATH} lacks the generated markers`);
  return `${current.slice(0, start + START.length)}\n\n\`\`\`json\n${renderDocPolicy()}\n\`\`\`\n\n${current.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOC_PATH, updateDoc(readFileSync(DOC_PATH, 'utf8')));
  console.log(`updated ${DOC_PATH}`);
}
