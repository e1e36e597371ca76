import { AwsError } from './aws-error.js';
import type { ApiModel, MemberRef } from './model.js';
import { shapeOf } from './model.js';
import { parseTimestamp, timestampFormat } from './wire-values.js';

/**
 * Form parameters (`RoleName=x&Tags.member.1.Key=k&Attributes.entry.1.key=a`) → the plain input object, with
 * scalars converted to the member types. A value that does not convert is a ValidationError (query services
 * have no SerializationException).
 */
export function decodeQuery(
  model: ApiModel,
  shapeName: string,
  params: URLSearchParams,
): Record<string, unknown> {
  const keys = [...params.keys()];
  const present = (prefix: string) => keys.some((k) => k === prefix || k.startsWith(`${prefix}.`));

  const value = (ref: Partial<MemberRef> & { shape: string }, key: string, path: string): unknown => {
    const shape = shapeOf(model, ref.shape);
    if (shape.type === 'structure') {
      if (!present(key) && key !== '') return undefined;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const childKey = key ? `${key}.${member.locationName ?? name}` : (member.locationName ?? name);
        const v = value(member, childKey, path ? `${path}.${lowerFirst(name)}` : lowerFirst(name));
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    if (shape.type === 'list') {
      if (params.get(key) === '') return [];
      const flattened = ref.flattened || shape.flattened;
      const base = flattened ? key : `${key}.${shape.memberTraits?.locationName ?? 'member'}`;
      const items: unknown[] = [];
      for (let i = 1; present(`${base}.${i}`); i++) {
        items.push(
          value(
            { ...shape.memberTraits, shape: shape.member as string },
            `${base}.${i}`,
            `${path}.${i}.member`,
          ),
        );
      }
      return items.length > 0 ? items : undefined;
    }
    if (shape.type === 'map') {
      if (params.get(key) === '') return {};
      const base = ref.flattened || shape.flattened ? key : `${key}.entry`;
      const keyName = shape.keyTraits?.locationName ?? 'key';
      const valueName = shape.valueTraits?.locationName ?? 'value';
      const out: Record<string, unknown> = {};
      for (let i = 1; present(`${base}.${i}`); i++) {
        const k = params.get(`${base}.${i}.${keyName}`) ?? '';
        out[k] = value({ shape: shape.value as string }, `${base}.${i}.${valueName}`, `${path}.${k}.value`);
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    const raw = params.get(key);
    if (raw === null) return undefined;
    const bad = (what: string) =>
      new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${raw}' at '${path}' failed to satisfy constraint: Member must be ${what}`,
      );
    switch (shape.type) {
      case 'integer':
      case 'long':
        if (!/^-?\d+$/.test(raw)) throw bad('an integer');
        return Number(raw);
      case 'float':
      case 'double':
        if (raw.trim() === '' || Number.isNaN(Number(raw))) throw bad('a number');
        return Number(raw);
      case 'boolean':
        if (raw !== 'true' && raw !== 'false') throw bad('a boolean');
        return raw === 'true';
      case 'timestamp': {
        const date = parseTimestamp(raw, timestampFormat(ref, shape, 'iso8601'));
        if (!date) throw bad('a timestamp');
        return date;
      }
      case 'blob':
        return Buffer.from(raw, 'base64');
      default:
        return raw;
    }
  };
  return value({ shape: shapeName }, '', '') as Record<string, unknown>;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
