import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderReference, updateDoc } from '../../../../scripts/gen-release-docs.js';

describe('docs/release-yaml.md', () => {
  it('has a reference part that matches the schema (run scripts/gen-release-docs.ts to refresh it)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(doc).toBe(updateDoc(doc));
  });

  it('documents every top-level key and the required ones', () => {
    const reference = renderReference();
    for (const key of ['name', 'model', 'region', 'image', 'sagemaker', 'cache', 'api', 'front', 'tags']) {
      expect(reference).toContain(`### \`${key}\``);
    }
    expect(reference).toContain('| `sagemaker.executionRoleArn` | string');
    expect(reference).toContain('| `sagemaker.instance.count` | integer 1..100 |  | `1` |');
  });
});
