/**
 * Regenerates the reference part of docs/release-yaml.md from the release.yaml schema:
 *   pnpm exec tsx --conditions=source scripts/gen-release-docs.ts
 * A test fails when the committed document is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolvedEnvironmentJsonSchema } from '../packages/core/src/index.js';

export const DOC_PATH = fileURLToPath(new URL('../docs/release-yaml.md', import.meta.url));
const START =
  '<!-- generated:start: scripts/gen-release-docs.ts renders this part from the schema; edit the schema -->';
const END = '<!-- generated:end -->';

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('\n', ' ');

function range(schema: JsonSchema): string {
  const exclusive = schema.exclusiveMinimum;
  const low =
    schema.minimum ??
    (exclusive === undefined
      ? undefined
      : schema.type === 'integer'
        ? Math.floor(exclusive) + 1
        : `>${exclusive}`);
  const high = schema.maximum;
  if (low === undefined && high === undefined) return '';
  return ` ${low ?? ''}..${high ?? ''}`;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(' \\| ');
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  if (schema.type === 'integer' || schema.type === 'number') return `${schema.type}${range(schema)}`;
  if (schema.type === 'string') {
    const length = schema.maxLength !== undefined ? `, ≤ ${schema.maxLength} chars` : '';
    if (schema.format) return `string (${schema.format}${length})`;
    return schema.pattern ? `string \`${cell(schema.pattern)}\`${length}` : `string${length}`;
  }
  if (schema.type === 'array') return `list of ${schema.items ? typeOf(schema.items) : 'values'}`;
  if (schema.type === 'object' && !schema.properties) return 'mapping of strings';
  return schema.type ?? 'value';
}

function rows(schema: JsonSchema, prefix: string, required: boolean, out: string[]): void {
  const shown = schema.default !== undefined && schema.type !== 'object';
  const def = shown ? `\`${JSON.stringify(schema.default)}\`` : '';
  const need = required && schema.default === undefined ? 'yes' : '';
  const type = (schema.oneOf ?? schema.anyOf) ? 'one of the variants below' : typeOf(schema);
  out.push(`| \`${prefix}\` | ${type} | ${need} | ${cell(def)} | ${cell(schema.description ?? '')} |`);
  const variants = schema.oneOf ?? schema.anyOf;
  for (const variant of variants ?? []) {
    const tag = String(variant.properties?.type?.const);
    out.push(`| \`${prefix}\` with \`type: ${tag}\` | object | | | ${cell(variant.description ?? '')} |`);
    for (const [key, child] of Object.entries(variant.properties ?? {})) {
      rows(child, `${prefix}.${key}`, (variant.required ?? []).includes(key), out);
    }
  }
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    rows(child, `${prefix}.${key}`, (schema.required ?? []).includes(key), out);
  }
}

/** The generated reference: one table per top-level key of the merged (per-environment) settings. */
export function renderReference(): string {
  const schema = resolvedEnvironmentJsonSchema() as JsonSchema;
  const out = [
    START,
    '',
    '## Reference',
    '',
    'Settings of one environment after its overlay is merged. "Required" means the base or the overlay must set it;',
    'every other key has the default shown. `environments.<env>` accepts the same keys (all optional), except `name`.',
  ];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    out.push('', `### \`${key}\``, '');
    if (child.description) out.push(`${cell(child.description)}.`, '');
    out.push('| key | type | required | default | description |', '| --- | --- | --- | --- | --- |');
    rows(child, key, (schema.required ?? []).includes(key), out);
  }
  out.push('', END);
  return out.join('\n');
}

/** The document with its generated part replaced by a fresh rendering. */
export function updateDoc(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC_PATH} lacks the generated-section markers`);
  return `${doc.slice(0, start)}${renderReference()}${doc.slice(end + END.length)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOC_PATH, updateDoc(readFileSync(DOC_PATH, 'utf8')));
  console.log(`updated ${DOC_PATH}`);
}
