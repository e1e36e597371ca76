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

const TYPE_LABEL: Record<string, string> = {
  integer: 'an Integer',
  long: 'a Long',
  float: 'a Float',
  double: 'a Double',
  boolean: 'a Boolean',
  string: 'a String',
  timestamp: 'a Date',
  blob: 'a Blob',
  list: 'a List',
  map: 'a Map',
  structure: 'a Structure',
};

/**
 * The SerializationException the JSON front end answers when a value's JSON type does not fit the model
 * (`STRING_VALUE can not be converted to an Integer`, `Start of structure or map found where not expected.`).
 */
export function serializationError(value: unknown, shape: Shape): AwsError {
  if (Array.isArray(value))
    return new AwsError('SerializationException', 'Start of list found where not expected.');
  if (typeof value === 'object' && value !== null) {
    return new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  const token =
    typeof value === 'string' ? 'STRING_VALUE' : typeof value === 'number' ? 'NUMBER_VALUE' : 'BOOLEAN_VALUE';
  return new AwsError(
    'SerializationException',
    `${token} can not be converted to ${TYPE_LABEL[shape.type] ?? shape.type}`,
  );
}
