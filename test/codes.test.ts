import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, type CodeTable } from '../packages/core/src/index.js';
import { type CodeUse, isRegistered, scanRepository, scanSource } from '../scripts/code-scan.js';
import { codeParts, DOC_PATH, renderErrors } from '../scripts/gen-error-docs.js';

const root = join(import.meta.dirname, '..');
const uses = scanRepository(root);

/** The uses whose code the table does not cover, as `CODE at file:line`. */
function unregistered(found: CodeUse[], table: CodeTable): string[] {
  return found
    .filter((use) => !use.dynamic && !isRegistered(use.code, table))
    .map((use) => `${use.code} at ${use.file}:${use.line}`);
}

describe('the code registry', () => {
  it('finds the codes the source uses (throws, helpers, notify `code:`, templates)', () => {
    const codes = new Set(uses.map((use) => use.code));
    for (const code of [
      'DEPLOYER_MISSING',
      'AWS_UNREACHABLE',
      'PLAN',
      'ENDPOINT_RECREATE',
      'AWS_*',
      'INTERNAL',
    ]) {
      expect(codes).toContain(code);
    }
    expect(uses.length).toBeGreaterThan(50);
  });

  it('registers every code thrown or notified in packages/*/src', () => {
    expect(unregistered(uses, CODES)).toEqual([]);
  });

  it('the check fails when a code is removed from the table', () => {
    const { DEPLOYER_MISSING: _gone, 'AWS_*': _pattern, ...rest } = CODES;
    expect(unregistered(uses, rest)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^DEPLOYER_MISSING at packages\/core\/src\/deploy\/deployer-loader\.ts:\d+$/),
        expect.stringMatching(/^AWS_\* at packages\/core\/src\/deploy\/aws-errors\.ts:\d+$/),
      ]),
    );
  });

  it('sees codes in every shape a source file passes them', () => {
    const source = `
      throw new MlshipError('A_ONE', 'x');
      throw userError(cond ? 'B_TWO' : 'C_THREE', 'y');
      host.notify({ level: 'info', code: 'D_FOUR', message: 'z' });
      throw new MlshipError(\`E_\${name}\`, 'w');
      throw deployError(code, 'v');
    `;
    expect(scanSource('x.ts', source).map((use) => (use.dynamic ? `dynamic ${use.code}` : use.code))).toEqual(
      ['A_ONE', 'B_TWO', 'C_THREE', 'D_FOUR', 'E_*', 'dynamic code'],
    );
    expect(isRegistered('E_SOMETHING', { 'E_*': { kind: 'deploy', exit: 1, meaning: 'm' } })).toBe(true);
  });

  it('no code is passed through a variable except inside the helpers themselves', () => {
    const dynamic = uses.filter((use) => use.dynamic).map((use) => use.file);
    expect([...new Set(dynamic)]).toEqual(['packages/core/src/errors.ts']);
  });

  it('a code thrown with userError is a user error and one thrown with deployError a failed deploy', () => {
    const wrong = uses
      .filter((use) => !use.dynamic && (use.helper === 'userError' || use.helper === 'deployError'))
      .filter((use) => CODES[use.code]?.kind !== (use.helper === 'userError' ? 'user' : 'deploy'))
      .map((use) => `${use.code} (${use.helper}) registered as ${CODES[use.code]?.kind}`);
    expect(wrong).toEqual([]);
  });

  it('each entry is consistent: user errors exit 2, deploy and internal errors exit 1 and say how to fix them, notices no exit', () => {
    for (const [code, info] of Object.entries(CODES)) {
      const expected = info.kind === 'notice' ? undefined : info.kind === 'user' ? 2 : 1;
      expect({ code, exit: info.exit }).toEqual({ code, exit: expected });
      if (info.kind === 'deploy' || info.kind === 'internal')
        expect({ code, fix: Boolean(info.fix) }).toEqual({ code, fix: true });
    }
  });

  it('lists registered codes no source uses (a warning: other branches may use them)', () => {
    const used = uses.filter((use) => !use.dynamic).map((use) => use.code);
    const unused = Object.keys(CODES).filter(
      (code) => !used.some((use) => isRegistered(use, { [code]: CODES[code]! })),
    );
    if (unused.length > 0) console.warn(`registered but unused here: ${unused.join(', ')}`);
    expect(unused.length).toBeLessThan(Object.keys(CODES).length / 4);
  });

  it('docs/errors.md is generated from the table (run scripts/gen-error-docs.ts to refresh it)', async () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderErrors(await codeParts()));
  });
});
