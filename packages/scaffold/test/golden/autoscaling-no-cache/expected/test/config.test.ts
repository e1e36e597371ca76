import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  isNonEmptyDirectory,
  loadConfig,
  resolveModelDir,
  resolvePort,
  SAGEMAKER_MODEL_DIR,
} from '../src/config.js';

describe('configuration', () => {
  it('listens on 8080 unless SAGEMAKER_BIND_TO_PORT or PORT say otherwise (SageMaker wins)', () => {
    expect(resolvePort({})).toBe(8080);
    expect(resolvePort({ PORT: '3000' })).toBe(3000);
    expect(resolvePort({ PORT: '3000', SAGEMAKER_BIND_TO_PORT: '9090' })).toBe(9090);
  });

  it('reads the model from /opt/ml/model when it holds files, else MODEL_DIR, else ./model', () => {
    const none = () => false;
    expect(resolveModelDir({ MODEL_DIR: '/models/x' }, (dir) => dir === SAGEMAKER_MODEL_DIR)).toBe(
      SAGEMAKER_MODEL_DIR,
    );
    expect(resolveModelDir({ MODEL_DIR: '/models/x' }, none)).toBe('/models/x');
    expect(resolveModelDir({}, none)).toMatch(/[/\\]model$/);
  });

  it('counts only a directory with files as a model directory (an empty /opt/ml/model means none)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-dir-'));
    try {
      expect(isNonEmptyDirectory(dir)).toBe(false);
      writeFileSync(join(dir, 'model.bin'), '');
      expect(isNonEmptyDirectory(dir)).toBe(true);
      expect(isNonEmptyDirectory(join(dir, 'model.bin'))).toBe(false);
      expect(isNonEmptyDirectory(join(dir, 'missing'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads limits from the environment', () => {
    const config = loadConfig(
      {
        MAX_BATCH_SIZE: '10',
        BODY_LIMIT_BYTES: '2048',
        REQUEST_TIMEOUT_MS: '500',
        MAX_QUEUE: '0',
        MODEL_VERSION: 'v7',
      },
      () => false,
    );
    expect(config).toMatchObject({
      maxBatchSize: 10,
      bodyLimitBytes: 2048,
      requestTimeoutMs: 500,
      maxQueue: 0,
      version: 'v7',
    });
  });

  it('names the variable, the bad value and what is expected', () => {
    expect(() => loadConfig({ MAX_BATCH_SIZE: 'lots' }, () => false)).toThrow(ConfigError);
    expect(() => loadConfig({ MAX_BATCH_SIZE: 'lots' }, () => false)).toThrow(
      'MAX_BATCH_SIZE="lots" is invalid: expected an integer from 1 to',
    );
    expect(() => resolvePort({ PORT: '70000' })).toThrow('PORT="70000"');
  });
});
