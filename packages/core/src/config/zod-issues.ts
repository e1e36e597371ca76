import { z } from 'zod';
import { type ConfigPath, excerpt } from './problems.js';
import { AWS_REGIONS } from './regions.js';
import {
  allowedKeys,
  describeExpected,
  describeValue,
  descriptionOf,
  discriminatorValues,
  schemaAt,
  unwrapSchema,
} from './schema-introspect.js';
import { didYouMean } from './suggest.js';

/** A problem found by the schema, before it is placed in the file. */
export interface SchemaProblem {
  path: ConfigPath;
  /** Point at the key (unknown or invalid keys) rather than the value. */
  atKey: boolean;
  /** The value is missing: point at the nearest ancestor that exists. */
  missing: boolean;
  message: string;
  hint?: string;
}

type Issue = z.core.$ZodIssue;

function valueAt(data: unknown, path: ConfigPath): unknown {
  let value = data;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function formatPhrase(issue: Issue, schema: z.ZodType | undefined): string {
  if (!issue.message.startsWith('Invalid')) return issue.message;
  return describeExpected(schema);
}

function suggestionFor(value: unknown, candidates: readonly string[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  return didYouMean(value, candidates);
}

function unknownKeyHint(path: ConfigPath, key: string, allowed: string[]): string {
  if (key === 'name' && path.length === 2 && path[0] === 'environments') {
    return 'name is the same in every environment; set it once at the top of the file';
  }
  return didYouMean(key, allowed) ?? `allowed keys: ${allowed.join(', ')}`;
}

/**
 * A block without its discriminator (`auth: { typex: jwt }`): its unknown keys are the likelier mistake. Each is
 * reported at its own line; when one looks like the discriminator, the "missing type" problem is that typo.
 */
function misspelledKeys(union: z.ZodDiscriminatedUnion, path: ConfigPath, data: unknown): SchemaProblem[] {
  const parentPath = path.slice(0, -1);
  const block = valueAt(data, parentPath);
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return [];
  const discriminator = union._zod.def.discriminator;
  const allowed = [
    ...new Set((union.options as z.ZodObject[]).flatMap((option) => Object.keys(option.shape))),
  ];
  const unknown = Object.keys(block).filter((key) => !allowed.includes(key));
  if (!unknown.some((key) => didYouMean(key, [discriminator]))) return [];
  return unknown.map((key) => ({
    path: [...parentPath, key],
    atKey: true,
    missing: false,
    message: `unknown key "${excerpt(key)}"`,
    hint: didYouMean(key, allowed) ?? `allowed keys: ${allowed.join(', ')}`,
  }));
}

/** Turns one zod issue into friendly problems: what was expected, what was written, and a hint where one helps. */
export function describeIssue(issue: Issue, root: z.ZodType, data: unknown): SchemaProblem[] {
  const path = issue.path as ConfigPath;
  const schema = schemaAt(root, path, data);
  const value = valueAt(data, path);
  const base = { path, atKey: false, missing: false };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(root, path, data);
      return issue.keys.map((key) => ({
        path: [...path, key],
        atKey: true,
        missing: false,
        message: `unknown key "${excerpt(key)}"`,
        hint: unknownKeyHint(path, key, allowed),
      }));
    }
    case 'invalid_type': {
      if (value === undefined) {
        const hint = descriptionOf(schema);
        return [
          {
            ...base,
            missing: true,
            message: `missing required key "${String(path.at(-1))}", expected ${describeExpected(schema)}`,
            ...(hint ? { hint } : {}),
          },
        ];
      }
      return [{ ...base, message: `expected ${describeExpected(schema)}, got ${describeValue(value)}` }];
    }
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of': {
      const got =
        typeof value === 'string'
          ? `${describeValue(value)} (${value.length} characters)`
          : describeValue(value);
      return [{ ...base, message: `expected ${describeExpected(schema)}, got ${got}` }];
    }
    case 'invalid_format': {
      const hint = path.at(-1) === 'region' ? suggestionFor(value, AWS_REGIONS) : undefined;
      return [
        {
          ...base,
          message: `expected ${formatPhrase(issue, schema)}, got ${describeValue(value)}`,
          ...(hint ? { hint } : {}),
        },
      ];
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const hint = suggestionFor(value, allowed);
      return [
        {
          ...base,
          message: `expected one of ${allowed.join(', ')}, got ${describeValue(value)}`,
          ...(hint ? { hint } : {}),
        },
      ];
    }
    case 'invalid_union': {
      const parent = schemaAt(root, path.slice(0, -1), data);
      const union = parent ? unwrapSchema(parent) : undefined;
      if (issue.discriminator && union instanceof z.ZodDiscriminatedUnion) {
        const allowed = discriminatorValues(union);
        const misspelled = value === undefined ? misspelledKeys(union, path, data) : [];
        if (misspelled.length > 0) return misspelled;
        const hint = suggestionFor(value, allowed);
        const message =
          value === undefined
            ? `missing required key "${issue.discriminator}", expected one of ${allowed.join(', ')}`
            : `expected one of ${allowed.join(', ')}, got ${describeValue(value)}`;
        return [{ ...base, missing: value === undefined, message, ...(hint ? { hint } : {}) }];
      }
      return [{ ...base, message: `expected ${describeExpected(schema)}, got ${describeValue(value)}` }];
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      const phrase = inner && !inner.message.startsWith('Invalid') ? inner.message : 'a valid key';
      return [
        { ...base, atKey: true, message: `expected ${phrase}, got key "${excerpt(String(path.at(-1)))}"` },
      ];
    }
    default:
      return [{ ...base, message: issue.message }];
  }
}
