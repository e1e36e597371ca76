import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, no leading slash. */
  path: string;
  data: Uint8Array | string;
  /** Unix mode of the file; default 0o644. */
  mode?: number;
}

export interface DeterministicZip {
  bytes: Uint8Array;
  /** Hex SHA-256 of the archive bytes. */
  sha256: string;
  /** Base64 SHA-256, the form Lambda reports as CodeSha256. */
  sha256Base64: string;
}

/**
 * DOS times have no zone and cannot go below 1980: one fixed date for every entry. fflate encodes the date from its
 * local-time fields, so it is built from local fields (a UTC date would shift with TZ, and throw west of Greenwich).
 */
function fixedDate(): Date {
  return new Date(1980, 0, 1, 0, 0, 0);
}

/**
 * The same entries give the same bytes: sorted paths, one fixed date, fixed mode and compression level, no
 * directory entries, comments or extra fields, nothing read from disk metadata.
 */
export function deterministicZip(entries: readonly ZipEntry[]): DeterministicZip {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const files: Record<string, [Uint8Array, { mtime: Date; level: 9; attrs: number; os: number }]> = {};
  for (const entry of sorted) {
    if (entry.path in files) throw new Error(`duplicate zip entry ${entry.path}`);
    const data = typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : entry.data;
    // attrs holds the Unix mode in the high 16 bits of the external attributes (os 3 = Unix).
    files[entry.path] = [
      data,
      { mtime: fixedDate(), level: 9, attrs: ((entry.mode ?? 0o644) | 0o100000) << 16, os: 3 },
    ];
  }
  const bytes = zipSync(files);
  const hash = createHash('sha256').update(bytes);
  const digest = hash.digest();
  return { bytes, sha256: digest.toString('hex'), sha256Base64: digest.toString('base64') };
}
