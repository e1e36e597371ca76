import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const schemaPath = join(root, 'test', 'fixtures', 'circleci-config.schema.json');

function readmeTestCommand(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const match = readme.match(/<!-- test-command -->\s*```(?:sh|bash)?\n([^\n]+)\n```/);
  if (!match?.[1]) throw new Error('README.md has no test command block after <!-- test-command -->');
  return match[1].trim();
}

describe('this repository', () => {
  it('.circleci/config.yml validates against the CircleCI schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const config = parse(readFileSync(join(root, '.circleci', 'config.yml'), 'utf8'));
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the CircleCI schema rejects a broken config (the check can fail)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate({ version: 2.1, jobs: { test: { steps: 'not-a-list', docker: 42 } } })).toBe(false);
  });

  it('no test reads outside the repository (the tests run from a plain clone)', () => {
    // built from parts, so that this file does not match itself
    const outside = new RegExp(`\\.\\./${'shared'}|'\\.\\.', '${'shared'}'`);
    const offenders = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.test\.ts$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((file) => !file.includes('node_modules') && outside.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
    const parent = '.'.repeat(2);
    expect(outside.test(`join(root, '${parent}', 'shared', 'x.json')`)).toBe(true);
  });

  it('.ci/run runs exactly the README test command', () => {
    const script = readFileSync(join(root, '.ci', 'run'), 'utf8');
    const lines = script.split('\n').map((l) => l.trim());
    expect(lines).toContain(readmeTestCommand());
  });
});
