import { z } from 'zod';
import { releaseDocumentSchema } from './document-schema.js';

/** The JSON Schema (draft 2020-12) of release.yaml, for editors (`# yaml-language-server: $schema=...`) and docs. */
export function releaseJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(releaseDocumentSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  return { ...schema, $id: 'https://mlship.dev/schemas/release.schema.json' } as Record<string, unknown>;
}
