import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALLS } from '../src/iam.js';

const SRC = join(import.meta.dirname, '../src');

/** Every `new XxxCommand(` in the deployer's source. */
function commandsCalled(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of readdirSync(SRC).filter((f) => f.endsWith('.ts'))) {
    for (const [, name] of readFileSync(join(SRC, file), 'utf8').matchAll(/new (\w+)Command\(/g)) {
      found.set(name!, [...(found.get(name!) ?? []), file]);
    }
  }
  return found;
}

describe('iam.ts declares the IAM action of every call the deployer makes', () => {
  it('has an entry for each SDK command in src/ (so the declared policy cannot drift)', () => {
    const called = commandsCalled();
    expect(called.size).toBeGreaterThan(15);
    const undeclared = [...called]
      .filter(([name]) => !CALLS[name])
      .map(([n, files]) => `${n} in ${files.join(', ')}`);
    expect(undeclared).toEqual([]);
  });

  it('declares no call the source does not make', () => {
    const called = commandsCalled();
    expect(Object.keys(CALLS).filter((name) => !called.has(name))).toEqual([]);
  });

  it('each action belongs to the service of its command', () => {
    for (const [name, call] of Object.entries(CALLS)) {
      expect(call.action, name).toMatch(new RegExp(`^(sagemaker|ecr|application-autoscaling):${name}$`));
    }
  });
});
