import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ZipEntry } from '@mlship/core';

const run = promisify(execFile);
const BIN = createRequire(import.meta.url).resolve('apigeelint/cli.js');

export interface LintMessage {
  file: string;
  ruleId: string;
  severity: number;
  message: string;
}

/** Writes the bundle files under `dir` and runs apigeelint on them as a user would, with the Apigee X profile. */
export async function apigeelint(dir: string, files: readonly ZipEntry[]): Promise<LintMessage[]> {
  for (const file of files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.data);
  }
  const args = [
    BIN,
    '-s',
    join(dir, 'apiproxy'),
    '--profile',
    'apigeex',
    '--maxWarnings',
    '0',
    '-f',
    'json.js',
  ];
  const result = await run(process.execPath, args, { maxBuffer: 16 << 20 }).catch(
    (error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? '', code: error.code }),
  );
  const reports = JSON.parse(result.stdout) as Array<{
    filePath: string;
    messages: Array<{ ruleId: string; severity: number; message: string }>;
  }>;
  return reports.flatMap((report) =>
    report.messages.map((m) => ({ file: report.filePath.slice(dir.length + 1), ...m })),
  );
}
