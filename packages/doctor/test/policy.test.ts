import { readFileSync } from 'node:fs';
import { RecordingIoHost, resolvedEnvironmentSchema } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import {
  DOC_PATH,
  renderDocPolicy,
  SAMPLE_RELEASE,
  updateDoc,
  withPlaceholders,
} from '../../../scripts/gen-policy-docs.js';
import { printPolicy } from '../src/index.js';
import { options, resolved } from './harness.js';

describe('--print-policy and the docs policy come from the same declarations', () => {
  it('the docs policy is current (run scripts/gen-policy-docs.ts to refresh it)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(updateDoc(doc)).toBe(doc);
  });

  it('--print-policy for the sample release.yaml equals the docs policy', async () => {
    const config = {
      env: 'dev',
      file: '/tmp/x/release.yaml',
      config: resolvedEnvironmentSchema.parse(SAMPLE_RELEASE),
    };
    const { policy } = await printPolicy(options(config));
    expect(withPlaceholders(policy)).toBe(renderDocPolicy());
    expect(readFileSync(DOC_PATH, 'utf8')).toContain(`\`\`\`json\n${withPlaceholders(policy)}\n\`\`\``);
  });

  it('is for this release.yaml: without autoscaling it grants no registration; the app and role are its own', async () => {
    const host = new RecordingIoHost();
    const { policy } = await printPolicy(options(resolved('/tmp/y'), host));
    expect(policy).not.toContain('RegisterScalableTarget');
    expect(policy).toContain('DeregisterScalableTarget');
    expect(policy).toContain('"arn:aws:sagemaker:us-east-1:123456789012:endpoint/iris-*"');
    expect(policy).toContain('"aws:RequestTag/mlship:app": "iris"');
    expect(policy).toContain('"Resource": "arn:aws:iam::123456789012:role/sagemaker-exec"');
    expect(host.events).toEqual([]);
  });
});
