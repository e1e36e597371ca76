import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MlshipError } from '@mlship/core';

/** `.mlship/<env>/apigee-bundle.zip` beside release.yaml, where users can inspect what is deployed. */
export function bundlePath(releaseFile: string, env: string): string {
  return join(dirname(releaseFile), '.mlship', env, 'apigee-bundle.zip');
}

/** Writes through a temporary file and a rename, so a reader never sees half a zip. */
export async function writeBundle(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (cause) {
    throw new MlshipError(
      'APIGEE_BUNDLE_NOT_WRITTEN',
      `The Apigee bundle could not be written to ${path} (${(cause as NodeJS.ErrnoException).code ?? String(cause)}).`,
      { kind: 'user', cause, hint: `Make ${dirname(path)} writable.` },
    );
  }
}
