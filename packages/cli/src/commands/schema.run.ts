import { releaseJsonSchema } from '@mlship/core';

/** Prints the JSON Schema of release.yaml (the same as @mlship/core/release.schema.json). */
export async function runSchema(stdout: NodeJS.WritableStream = process.stdout): Promise<number> {
  stdout.write(`${JSON.stringify(releaseJsonSchema(), null, 2)}\n`);
  return 0;
}
