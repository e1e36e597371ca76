import { AwsError } from './aws-error.js';
import type { MemberRef, Shape } from './model.js';

export type TimestampFormat = 'unixTimestamp' | 'iso8601' | 'rfc822';

/** The timestamp format of a member: its own trait, else the shape's, else the protocol's default. */
export function timestampFormat(
  ref: Partial<MemberRef> | undefined,
  shape: Shape,
  fallback: TimestampFormat,
) {
  return (ref?.timestampFormat ?? shape.timestampFormat ?? fallback) as TimestampFormat;
}

export function formatTimestamp(date: Date, format: TimestampFormat): string | number {
  if (format === 'unixTimestamp') return date.getTime() / 1000;
  if (format === 'rfc822') return date.toUTCString();
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

export function parseTimestamp(value: string | number, format: TimestampFormat): Date | undefined {
  if (typeof value === 'number') return new Date(value * 1000);
  if (format === 'unixTimestamp' && /^-?\d+(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Blob values handlers may return: bytes, or a string taken as UTF-8. */
export function blobBytes(value: unknown): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new Error(`not a blob: ${typeof value}`);
}

const JAVA_TYPE: Record<string, string> = {
  integer: 'Integer',
  long: 'Long',
  float: 'Float',
  double: 'Double',
  boolean: 'Boolean',
  string: 'String',
  timestamp: 'Date',
};

/**
 * The SerializationException AWS's JSON front end (Coral) answers when a value's JSON type does not fit the
 * model, worded as recorded against the real service (dynalite's assertion matrix):
 * `STRING_VALUE cannot be converted to Integer`, `Start of structure or map found where not expected`,
 * `Unexpected field type` (a scalar for a list, map or structure), `Unrecognized collection type class …`.
 */
export function serializationError(value: unknown, shape: Shape, shapeName: string): AwsError {
  const fail = (message: string) => new AwsError('SerializationException', message);
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject) return fail('Start of structure or map found where not expected');
  if (shape.type === 'list' || shape.type === 'map' || shape.type === 'structure') {
    if (!Array.isArray(value)) return fail('Unexpected field type');
    if (shape.type === 'map') return fail('Unrecognized collection type java.util.Map');
    return fail(`Unrecognized collection type class ${shapeName}`);
  }
  if (shape.type === 'blob') {
    if (Array.isArray(value)) return fail('Unrecognized collection type class java.nio.ByteBuffer');
    return fail('only base-64-encoded strings are convertible to bytes');
  }
  const type = JAVA_TYPE[shape.type] ?? shape.type;
  if (Array.isArray(value)) return fail(`Unrecognized collection type class java.lang.${type}`);
  if (typeof value === 'string' && type === 'Boolean') return fail('Unexpected token received from parser');
  const token =
    typeof value === 'string'
      ? 'STRING_VALUE'
      : typeof value === 'boolean'
        ? `${String(value).toUpperCase()}_VALUE`
        : Number.isInteger(value)
          ? 'NUMBER_VALUE'
          : 'DECIMAL_VALUE';
  return fail(`${token} cannot be converted to ${type}`);
}
