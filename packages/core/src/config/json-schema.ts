import { z } from 'zod';
import { releaseDocumentSchema } from './document-schema.js';
import { resolvedEnvironmentSchema } from './schema.js';

/** The JSON Schema (draft 2020-12) of release.yaml, for editors (`# yaml-language-server: $schema=...`) and docs. */
export function releaseJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(releaseDocumentSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
}

/** The JSON Schema of one environment's merged settings (what the docs reference tables describe). */
export function resolvedEnvironmentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(resolvedEnvironmentSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
