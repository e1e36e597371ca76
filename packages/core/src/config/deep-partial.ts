import { z } from 'zod';

type Meta = Record<string, unknown>;

/** Strips optional/default wrappers; keeps their metadata (and the default, as documentation) for the JSON Schema. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; meta: Meta } {
  const meta: Meta = {};
  let current = schema;
  for (;;) {
    const isWrapper = current instanceof z.ZodOptional || current instanceof z.ZodDefault;
    if (!isWrapper) return { inner: current, meta };
    for (const [key, value] of Object.entries(z.globalRegistry.get(current) ?? {})) {
      if (!(key in meta)) meta[key] = value;
    }
    if (current instanceof z.ZodDefault) {
      if (!('default' in meta)) meta.default = current._zod.def.defaultValue;
      current = current.unwrap() as z.ZodType;
    } else {
      current = (current as z.ZodOptional).unwrap() as z.ZodType;
    }
  }
}

function withMeta<T extends z.ZodType>(schema: T, meta: Meta | undefined): T {
  return meta && Object.keys(meta).length > 0 ? (schema.meta(meta) as T) : schema;
}

function partialObject(schema: z.ZodObject, keep: ReadonlySet<string>): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (keep.has(key)) {
      shape[key] = field;
      continue;
    }
    const { inner, meta } = unwrap(field);
    shape[key] = withMeta(deepPartial(inner).optional(), meta);
  }
  return withMeta(z.strictObject(shape), z.globalRegistry.get(schema));
}

/**
 * A strict object whose every field, at every depth, is optional and has no default: the shape of an environment
 * overlay. Discriminated unions keep their discriminator required so that an overlay still says which variant it is.
 */
export function deepPartial(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return partialObject(schema, new Set());
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const discriminator = schema._zod.def.discriminator;
    const options = (schema.options as z.ZodType[]).map((option) =>
      option instanceof z.ZodObject ? partialObject(option, new Set([discriminator])) : option,
    );
    return withMeta(
      z.discriminatedUnion(discriminator, options as [z.ZodObject, ...z.ZodObject[]]),
      z.globalRegistry.get(schema),
    );
  }
  return schema;
}
