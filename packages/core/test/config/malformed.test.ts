import { describe, expect, it } from 'vitest';
import { MALFORMED } from './cases.js';
import { problemsOf } from './fixtures.js';

describe('malformed release.yaml files', () => {
  it('has a case for every kind of mistake', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(25);
  });

  it.each(MALFORMED)('$name', ({ text, env, errors }) => {
    const result = problemsOf(text, env);
    expect(result.errors).toEqual(errors);
    expect(result.error.code).toBe('CONFIG_INVALID');
    expect(result.error.exitCode).toBe(2);
  });
});
