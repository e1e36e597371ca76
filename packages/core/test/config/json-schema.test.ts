import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { releaseJsonSchema } from '@mlship/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const COMMITTED = fileURLToPath(new URL('../../release.schema.json', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../../../examples/release/release.yaml', import.meta.url));

function rendered(): string {
  return `${JSON.stringify(releaseJsonSchema(), null, 2)}\n`;
}

describe('release.schema.json', () => {
  it('is the committed copy of the generated schema (UPDATE=1 regenerates it)', () => {
    if (process.env.UPDATE === '1') writeFileSync(COMMITTED, rendered());
    expect(readFileSync(COMMITTED, 'utf8')).toBe(rendered());
  });

  it('is a strict draft 2020-12 schema with titles and descriptions', () => {
    const schema = releaseJsonSchema() as {
      $schema: string;
      title: string;
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, { description?: string; additionalProperties?: unknown }>;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('mlship release.yaml');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'environments']);
    expect(schema.properties.sagemaker?.additionalProperties).toBe(false);
    expect(schema.properties.sagemaker?.description).toBe('The SageMaker real-time endpoint');
  });

  it('accepts the sample file and rejects an unknown key, as an editor would', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(releaseJsonSchema());
    const sample = parse(readFileSync(SAMPLE, 'utf8')) as Record<string, unknown>;
    expect(validate(sample), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...sample, sagemkaer: {} })).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('additionalProperties');
  });

  it('names the schema in the sample for yaml-language-server', () => {
    expect(readFileSync(SAMPLE, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../packages/core/release.schema.json',
    );
  });
});
