import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MlshipError, RecordingIoHost } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../src/deploy/load-environment.js';
import { withLines } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mlship-placeholder-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('the deploy path refuses placeholders init wrote', () => {
  it('CONFIG_PLACEHOLDER (exit 2) naming file:line, before anything reaches AWS', async () => {
    const file = write(
      'placeholder.yaml',
      withLines({ 7: '  executionRoleArn: arn:aws:iam::123456789012:role/mlship-sagemaker-execution' }),
    );
    const error = await loadEnvironment(file, 'dev', new RecordingIoHost(), 'error').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MlshipError);
    expect((error as MlshipError).code).toBe('CONFIG_PLACEHOLDER');
    expect((error as MlshipError).exitCode).toBe(2);
    expect((error as MlshipError).message).toContain(`${file}:7:21 sagemaker.executionRoleArn`);
  });

  it('a real role deploys (the check can pass)', async () => {
    const file = write('real.yaml', withLines({}));
    const resolved = await loadEnvironment(file, 'dev', new RecordingIoHost());
    expect(resolved.config.sagemaker.executionRoleArn).toBe('arn:aws:iam::123456789012:role/sagemaker-exec');
  });
});
