import type { ApiModel, MemberRef } from './model.js';
import { shapeOf } from './model.js';
import { blobBytes, formatTimestamp, timestampFormat } from './wire-values.js';

/** The members of a structure as XML elements (query and restXml bodies): names, lists, maps per the model. */
export function xmlMembers(model: ApiModel, shapeName: string, value: Record<string, unknown>): string {
  const shape = shapeOf(model, shapeName);
  let xml = '';
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const v = value[name];
    if (v === undefined || v === null || ref.location) continue;
    xml += xmlElement(model, ref.locationName ?? name, ref, v);
  }
  return xml;
}

function xmlElement(
  model: ApiModel,
  name: string,
  ref: Partial<MemberRef> & { shape: string },
  value: unknown,
): string {
  const shape = shapeOf(model, ref.shape);
  if (shape.type === 'list') {
    const flattened = ref.flattened || shape.flattened;
    const itemRef = { ...shape.memberTraits, shape: shape.member as string };
    const itemName = shape.memberTraits?.locationName ?? (flattened ? name : 'member');
    const items = (value as unknown[]).map((item) => xmlElement(model, itemName, itemRef, item)).join('');
    return flattened ? items : `<${name}>${items}</${name}>`;
  }
  if (shape.type === 'map') {
    const flattened = ref.flattened || shape.flattened;
    const keyName = shape.keyTraits?.locationName ?? 'key';
    const valueName = shape.valueTraits?.locationName ?? 'value';
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) =>
        `${xmlElement(model, keyName, { shape: shape.key as string }, k)}${xmlElement(
          model,
          valueName,
          { ...shape.valueTraits, shape: shape.value as string },
          v,
        )}`,
    );
    return flattened
      ? entries.map((e) => `<${name}>${e}</${name}>`).join('')
      : `<${name}>${entries.map((e) => `<entry>${e}</entry>`).join('')}</${name}>`;
  }
  if (shape.type === 'structure') {
    return `<${name}>${xmlMembers(model, ref.shape, value as Record<string, unknown>)}</${name}>`;
  }
  let text: string;
  if (shape.type === 'timestamp') {
    text = String(formatTimestamp(value as Date, timestampFormat(ref, shape, 'iso8601')));
  } else if (shape.type === 'blob') text = blobBytes(value).toString('base64');
  else text = String(value);
  return `<${name}>${escapeXml(text)}</${name}>`;
}

/** Escapes text content (the only place values go: no attributes are written). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
