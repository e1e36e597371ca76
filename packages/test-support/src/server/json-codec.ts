import type { ApiModel, MemberRef } from './model.js';
import { shapeOf } from './model.js';
import {
  blobBytes,
  formatTimestamp,
  parseTimestamp,
  serializationError,
  type TimestampFormat,
} from './wire-values.js';

/** The JSON key of a body member: `jsonName`, else `locationName`, else the member name (as botocore does). */
export function jsonKey(name: string, ref: MemberRef): string {
  return ref.jsonName ?? ref.locationName ?? name;
}

/**
 * Wire JSON → the plain object handlers get (member names, Dates, Buffers), checking every JSON type against the
 * model: a mismatch throws SerializationException, as AWS's JSON front end does. Unknown keys and nulls are dropped.
 */
export function decodeJson(
  model: ApiModel,
  shapeName: string,
  value: unknown,
  ref?: Partial<MemberRef>,
  timestamps: TimestampFormat = 'unixTimestamp',
): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = shapeOf(model, shapeName);
  const isObject = typeof value === 'object' && !Array.isArray(value);
  switch (shape.type) {
    case 'structure': {
      if (!isObject) throw serializationError(value, shape, shapeName);
      const out: Record<string, unknown> = {};
      const wire = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (member.location) continue;
        const v = decodeJson(model, member.shape, wire[jsonKey(name, member)], member, timestamps);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) throw serializationError(value, shape, shapeName);
      return value.map((item) =>
        decodeJson(model, shape.member as string, item, shape.memberTraits, timestamps),
      );
    }
    case 'map': {
      if (!isObject) throw serializationError(value, shape, shapeName);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        decodeJson(model, shape.key as string, k);
        const decoded = decodeJson(model, shape.value as string, v, shape.valueTraits, timestamps);
        if (decoded !== undefined) out[k] = decoded;
      }
      return out;
    }
    case 'string':
      if (typeof value !== 'string') throw serializationError(value, shape, shapeName);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw serializationError(value, shape, shapeName);
      return value;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw serializationError(value, shape, shapeName);
      return value;
    case 'float':
    case 'double':
      if (typeof value !== 'number') throw serializationError(value, shape, shapeName);
      return value;
    case 'timestamp': {
      const format = (ref?.timestampFormat ?? shape.timestampFormat ?? timestamps) as TimestampFormat;
      const ok = format === 'unixTimestamp' ? typeof value === 'number' : typeof value === 'string';
      const date = ok ? parseTimestamp(value as string | number, format) : undefined;
      if (!date) throw serializationError(value, shape, shapeName);
      return date;
    }
    case 'blob':
      if (typeof value !== 'string') throw serializationError(value, shape, shapeName);
      return Buffer.from(value, 'base64');
    default:
      return value;
  }
}

/** A handler's plain output → wire JSON (member wire names, epoch-second timestamps, base64 blobs). */
export function encodeJson(
  model: ApiModel,
  shapeName: string,
  value: unknown,
  ref?: Partial<MemberRef>,
  timestamps: TimestampFormat = 'unixTimestamp',
): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      const obj = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (member.location) continue;
        const v = encodeJson(model, member.shape, obj[name], member, timestamps);
        if (v !== undefined) out[jsonKey(name, member)] = v;
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item) =>
        encodeJson(model, shape.member as string, item, shape.memberTraits, timestamps),
      );
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          encodeJson(model, shape.value as string, v, shape.valueTraits, timestamps),
        ]),
      );
    case 'timestamp':
      return formatTimestamp(
        value as Date,
        (ref?.timestampFormat ?? shape.timestampFormat ?? timestamps) as TimestampFormat,
      );
    case 'blob':
      return blobBytes(value).toString('base64');
    default:
      return value;
  }
}
