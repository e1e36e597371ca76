import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadOptions, loadRelease, MlshipError, type Problem, parseRelease } from '@mlship/core';
import { describe, expect, it } from 'vitest';
import { BASE, withLines } from './fixtures.js';

async function caught(promise: Promise<unknown>): Promise<MlshipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MlshipError) return error;
    throw error;
  }
  throw new Error('expected an MlshipError');
}

const dir = mkdtempSync(join(tmpdir(), 'mlship-read-'));
const fileWith = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
mkdirSync(join(dir, 'a-directory'));

interface ReadCase {
  name: string;
  file: () => string;
  code: string;
  message: RegExp;
  hint: RegExp;
}

const READ_CASES: ReadCase[] = [
  {
    name: 'a file over 1 MiB: one error, not thousands',
    file: () => fileWith('huge.yaml', Buffer.alloc(5 * 1024 * 1024, 'x: [\n')),
    code: 'CONFIG_TOO_LARGE',
    message: /huge\.yaml is 5\.0 MiB; a release file is at most 1024 KiB$/,
    hint: /points at release\.yaml/,
  },
  {
    name: 'UTF-16 with a byte-order mark',
    file: () =>
      fileWith('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASE, 'utf16le')])),
    code: 'CONFIG_ENCODING',
    message: /utf16\.yaml is UTF-16 text/,
    hint: /save .* as UTF-8/,
  },
  {
    name: 'UTF-16 without a byte-order mark (NUL bytes)',
    file: () => fileWith('utf16-nobom.yaml', Buffer.from(BASE, 'utf16le')),
    code: 'CONFIG_ENCODING',
    message: /utf16-nobom\.yaml:1:2: a NUL byte; this is binary or UTF-16 data/,
    hint: /UTF-8/,
  },
  {
    name: 'a NUL byte in the middle of a file',
    file: () => fileWith('nul.yaml', `name: x\nregion: eu\u0000west-1\n`),
    code: 'CONFIG_ENCODING',
    message: /nul\.yaml:2:11: a NUL byte/,
    hint: /UTF-8/,
  },
  {
    name: 'bytes that are not UTF-8',
    file: () => fileWith('latin1.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0xff, 0x0a])),
    code: 'CONFIG_ENCODING',
    message: /latin1\.yaml is not valid UTF-8 text/,
    hint: /UTF-8/,
  },
  {
    name: 'a --file that does not exist: the hint is about the path given, not "pass --file"',
    file: () => '/nonexistent',
    code: 'CONFIG_NOT_FOUND',
    message: /^\/nonexistent does not exist$/,
    hint: /^check the path given to --file \(the current directory is /,
  },
  {
    name: 'a directory',
    file: () => join(dir, 'a-directory'),
    code: 'CONFIG_UNREADABLE',
    message: /a-directory \(EISDIR\)/,
    hint: /is a directory; pass the release file inside it, e\.g\. --file .*a-directory\/release\.yaml/,
  },
  {
    name: 'a path through a file',
    file: () => join(fileWith('plain.txt', 'x'), 'release.yaml'),
    code: 'CONFIG_UNREADABLE',
    message: /plain\.txt\/release\.yaml \(ENOTDIR\)/,
    hint: /a part of .* is a file, not a directory/,
  },
];

describe('release files that cannot be read as YAML text', () => {
  it.each(READ_CASES)('$name', async ({ file, code, message, hint }) => {
    const error = await caught(loadRelease(file()));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
    expect(error.exitCode).toBe(2);
  });
});

describe('garbage input', () => {
  it('lists the first 50 errors and says how many more there are, with values cut short', () => {
    const long = 'y'.repeat(500);
    const text = Array.from({ length: 300 }, (_, i) => `${long}${i}: 1`).join('\n');
    let error: MlshipError | undefined;
    try {
      parseRelease(`name: x\n${text}\n`, 'release.yaml');
    } catch (caughtError) {
      error = caughtError as MlshipError;
    }
    const lines = error?.message.split('\n') ?? [];
    expect(lines[0]).toBe('release.yaml is invalid (305 errors):');
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines.at(-1)).toBe('  … and 255 more');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(400);
    expect(lines.find((line) => line.includes('unknown key'))).toContain(`unknown key "${'y'.repeat(39)}…"`);
    expect(((error?.details ?? []) as Problem[]).length).toBeLessThanOrEqual(100);
  });
});

const PLACEHOLDER_LINES = {
  7: '  executionRoleArn: arn:aws:iam::123456789012:role/mlship-sagemaker-execution',
  13: '  apigee: { organization: my-apigee-org, environment: prod, auth: { type: jwt, issuer: https://auth.example.com, audience: x, jwksUri: https://auth.example.com/.well-known/jwks.json } }',
};

describe('placeholders left by mlship init', () => {
  it('are warnings in validate, naming each line', () => {
    const { warnings } = parseRelease(withLines(PLACEHOLDER_LINES), 'release.yaml');
    const placeholders = warnings.filter((problem) => problem.code === 'CONFIG_PLACEHOLDER');
    expect(placeholders.map((p) => `${p.line}:${p.col} ${p.path}${p.env ? ` [${p.env}]` : ''}`)).toEqual([
      '7:21 sagemaker.executionRoleArn',
      '13:27 api.apigee.organization [prod]',
      '13:88 api.apigee.auth.issuer [prod]',
      '13:136 api.apigee.auth.jwksUri [prod]',
    ]);
  });

  it.each<[string, LoadOptions]>([
    ['every environment', { placeholders: 'error' }],
    [
      'one environment (dev, fronted by API Gateway: only the role counts)',
      { env: 'dev', placeholders: 'error' },
    ],
  ])('are one CONFIG_PLACEHOLDER error (exit 2) for deploy: %s', (_, options) => {
    let error: MlshipError | undefined;
    try {
      parseRelease(withLines(PLACEHOLDER_LINES), 'release.yaml', options);
    } catch (caughtError) {
      error = caughtError as MlshipError;
    }
    expect(error?.code).toBe('CONFIG_PLACEHOLDER');
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toContain(
      'release.yaml:7:21 sagemaker.executionRoleArn: the execution role is the placeholder mlship init wrote; deploy refuses it',
    );
    expect(error?.message.includes('13:27')).toBe(options.env === undefined);
  });

  it('only the exact values init writes: another role in the documentation account is no placeholder', () => {
    const text = withLines({ 7: '  executionRoleArn: arn:aws:iam::123456789012:role/emulator-role' });
    expect(() => parseRelease(text, 'release.yaml', { placeholders: 'error' })).not.toThrow();
  });

  it('are errors next to the other errors of an invalid file when deploying', () => {
    const text = withLines({ ...PLACEHOLDER_LINES, 3: 'region: eu-central1' });
    let error: MlshipError | undefined;
    try {
      parseRelease(text, 'release.yaml', { env: 'dev', placeholders: 'error' });
    } catch (caughtError) {
      error = caughtError as MlshipError;
    }
    expect(error?.code).toBe('CONFIG_INVALID');
    expect(error?.message).toMatch(/\(2 errors\)/);
    expect(error?.message).toContain('7:21 sagemaker.executionRoleArn');
  });
});
