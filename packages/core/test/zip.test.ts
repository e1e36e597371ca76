import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deterministicZip } from '../src/zip.js';

describe('deterministicZip', () => {
  it('gives the same bytes for the same entries in any order', () => {
    const a = deterministicZip([
      { path: 'b.txt', data: 'two' },
      { path: 'a/index.mjs', data: 'export {}', mode: 0o755 },
    ]);
    const b = deterministicZip([
      { path: 'a/index.mjs', data: 'export {}', mode: 0o755 },
      { path: 'b.txt', data: 'two' },
    ]);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.sha256Base64).toBe(Buffer.from(a.sha256, 'hex').toString('base64'));
    expect(Object.keys(unzipSync(a.bytes))).toEqual(['a/index.mjs', 'b.txt']);
  });

  it('gives the same bytes in every time zone', () => {
    const tsx = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const script = `import { deterministicZip } from ${JSON.stringify(join(import.meta.dirname, '..', 'src', 'zip.ts'))};
      process.stdout.write(deterministicZip([{ path: 'x', data: 'one' }]).sha256);`;
    const hashes = ['UTC', 'Pacific/Kiritimati', 'America/Adak', 'Asia/Kathmandu'].map((tz) =>
      execFileSync(tsx, ['--input-type=module', '-e', script], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      }),
    );
    expect(new Set(hashes).size).toBe(1);
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when a byte of content changes', () => {
    const a = deterministicZip([{ path: 'x', data: 'one' }]);
    const b = deterministicZip([{ path: 'x', data: 'onf' }]);
    expect(a.sha256).not.toBe(b.sha256);
  });

  it('gives the same bytes in every time zone, west of Greenwich included', () => {
    const saved = process.env.TZ;
    const entries = [{ path: 'a.txt', data: 'a' }];
    try {
      const hashes = ['UTC', 'America/Los_Angeles', 'Pacific/Chatham', 'Asia/Kolkata'].map((tz) => {
        process.env.TZ = tz;
        return deterministicZip(entries).sha256;
      });
      expect(new Set(hashes).size).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('refuses duplicate paths', () => {
    expect(() =>
      deterministicZip([
        { path: 'x', data: '1' },
        { path: 'x', data: '2' },
      ]),
    ).toThrow(/duplicate/);
  });
});
