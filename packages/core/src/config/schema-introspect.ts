import { z } from 'zod';
import type { ConfigPath } from './problems.js';

const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** Strips optional, default and nullable wrappers. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodDefault ||
    current instanceof z.ZodNullable
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function branchFor(union: z.ZodDiscriminatedUnion, value: unknown): z.ZodObject | undefined {
  const discriminator = union._zod.def.discriminator;
  const options = union.options as z.ZodObject[];
  const wanted =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[discriminator]
      : undefined;
  return options.find((option) => {
    const literal = option.shape[discriminator];
    return literal instanceof z.ZodLiteral && literal.values.has(wanted as never);
  });
}

export function discriminatorValues(union: z.ZodDiscriminatedUnion): string[] {
  const discriminator = union._zod.def.discriminator;
  return (union.options as z.ZodObject[]).flatMap((option) => {
    const literal = option.shape[discriminator];
    return literal instanceof z.ZodLiteral ? [...literal.values].map(String) : [];
  });
}

/** The schema that governs `path` in `data`, following objects, records, lists and discriminated unions. */
export function schemaAt(root: z.ZodType, path: ConfigPath, data: unknown): z.ZodType | undefined {
  let schema: z.ZodType | undefined = root;
  let value = data;
  for (const part of path) {
    if (!schema) return undefined;
    let current = unwrapSchema(schema);
    if (current instanceof z.ZodDiscriminatedUnion) current = branchFor(current, value) ?? current;
    if (current instanceof z.ZodObject) schema = (current.shape as Record<string, z.ZodType>)[String(part)];
    else if (current instanceof z.ZodRecord) schema = current._zod.def.valueType as z.ZodType;
    else if (current instanceof z.ZodArray) schema = current.element as z.ZodType;
    else return undefined;
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return schema;
}

/** The keys an object schema at `path` allows (for "did you mean" on unknown keys). */
export function allowedKeys(root: z.ZodType, path: ConfigPath, data: unknown): string[] {
  const schema = schemaAt(root, path, data);
  if (!schema) return [];
  let current = unwrapSchema(schema);
  if (current instanceof z.ZodDiscriminatedUnion) {
    let value = data;
    for (const part of path) value = (value as Record<string, unknown> | undefined)?.[part];
    current = branchFor(current, value) ?? current;
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

export function descriptionOf(schema: z.ZodType | undefined): string | undefined {
  let current = schema;
  while (current) {
    const description = z.globalRegistry.get(current)?.description;
    if (description) return description;
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else return undefined;
  }
  return undefined;
}

interface Bag {
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

function numberPhrase(bag: Bag): string {
  const whole = bag.format === 'safeint' || bag.format === 'int32' || bag.format === 'uint32';
  const noun = whole ? 'a whole number' : 'a number';
  let low = bag.minimum !== undefined && Math.abs(bag.minimum) < UNBOUNDED ? bag.minimum : undefined;
  let high = bag.maximum !== undefined && Math.abs(bag.maximum) < UNBOUNDED ? bag.maximum : undefined;
  let lowExclusive = false;
  if (bag.exclusiveMinimum !== undefined && (low === undefined || bag.exclusiveMinimum >= low)) {
    if (whole) low = Math.floor(bag.exclusiveMinimum) + 1;
    else [low, lowExclusive] = [bag.exclusiveMinimum, true];
  }
  if (bag.exclusiveMaximum !== undefined && whole) high = Math.ceil(bag.exclusiveMaximum) - 1;
  if (low !== undefined && high !== undefined) {
    return lowExclusive
      ? `${noun} greater than ${low} and at most ${high}`
      : `${noun} from ${low} to ${high}`;
  }
  if (low !== undefined) return lowExclusive ? `${noun} greater than ${low}` : `${noun} of at least ${low}`;
  if (high !== undefined) return `${noun} of at most ${high}`;
  return noun;
}

function lengthPhrase(noun: string, unit: string, bag: Bag): string {
  const { minimum: low, maximum: high } = bag;
  if (low !== undefined && high !== undefined) return `${noun} of ${low} to ${high} ${unit}`;
  if (high !== undefined) return `${noun} of at most ${high} ${unit}`;
  if (low !== undefined && low > 1) return `${noun} of at least ${low} ${unit}`;
  if (low === 1)
    return unit === 'characters' ? `a non-empty ${noun.replace(/^an? /, '')}` : `${noun} of at least 1 item`;
  return noun;
}

type ErrorFn = (issue: object) => unknown;
interface CheckDef {
  format?: string;
  error?: ErrorFn;
}

/** The custom message of a string format or regex check, which this codebase phrases as a noun ("an s3:// URI"). */
function formatMessage(schema: z.ZodType): string | undefined {
  const def = schema._zod.def as CheckDef & { checks?: { _zod: { def: CheckDef } }[] };
  const candidates = [def, ...(def.checks ?? []).map((check) => check._zod.def)];
  for (const candidate of candidates) {
    if (!candidate.format || typeof candidate.error !== 'function') continue;
    const message = candidate.error({});
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/** What a schema accepts, in words: "a whole number from 1 to 100", "one of onnx, custom", "a mapping". */
export function describeExpected(schema: z.ZodType | undefined): string {
  if (!schema) return 'a valid value';
  const inner = unwrapSchema(schema);
  const bag = (inner._zod as { bag?: Bag }).bag ?? {};
  if (inner instanceof z.ZodNumber) return numberPhrase(bag);
  if (inner._zod.def.type === 'string')
    return formatMessage(inner) ?? lengthPhrase('a string', 'characters', bag);
  if (inner instanceof z.ZodBoolean) return 'true or false';
  if (inner instanceof z.ZodEnum) return `one of ${inner.options.join(', ')}`;
  if (inner instanceof z.ZodLiteral) return [...inner.values].map(String).join(' or ');
  if (inner instanceof z.ZodArray) return lengthPhrase('a list', 'items', bag);
  if (inner instanceof z.ZodDiscriminatedUnion)
    return `a mapping with type: ${discriminatorValues(inner).join(' or ')}`;
  if (inner instanceof z.ZodObject || inner instanceof z.ZodRecord) return 'a mapping';
  return 'a valid value';
}

/** A short rendering of the value the user wrote. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value))
    return value.length === 1 ? 'a list of 1 item' : `a list of ${value.length} items`;
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
