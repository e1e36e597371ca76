import { XMLParser } from 'fast-xml-parser';
import { AwsError } from './aws-error.js';
import type { ApiModel, MemberRef } from './model.js';
import { shapeOf } from './model.js';
import { parseTimestamp, timestampFormat } from './wire-values.js';

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
});

/** S3's answer to XML that does not parse or does not fit the model. */
export function malformedXml(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );
}

/** An XML request body (restXml payload) → the plain object of the payload member's shape. */
export function decodeXmlBody(model: ApiModel, ref: MemberRef, body: Buffer): unknown {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(body.toString('utf8'), true) as Record<string, unknown>;
  } catch {
    throw malformedXml();
  }
  const rootName = ref.locationName ?? ref.shape;
  const root = Object.entries(doc).find(([k]) => k !== '?xml');
  if (!root || root[0] !== rootName) throw malformedXml();
  return decodeNode(model, ref, root[1]);
}

function asArray(node: unknown): unknown[] {
  if (node === undefined || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

function decodeNode(model: ApiModel, ref: Partial<MemberRef> & { shape: string }, node: unknown): unknown {
  const shape = shapeOf(model, ref.shape);
  switch (shape.type) {
    case 'structure': {
      if (node === '') return {};
      if (typeof node !== 'object' || node === null || Array.isArray(node)) throw malformedXml();
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        if (member.location) continue;
        const child = (node as Record<string, unknown>)[member.locationName ?? name];
        if (child === undefined) continue;
        out[name] = decodeNode(model, member, child);
      }
      return out;
    }
    case 'list': {
      const itemRef = { ...shape.memberTraits, shape: shape.member as string };
      if (ref.flattened || shape.flattened)
        return asArray(node).map((item) => decodeNode(model, itemRef, item));
      if (node === '') return [];
      if (typeof node !== 'object' || node === null) throw malformedXml();
      const items = (node as Record<string, unknown>)[shape.memberTraits?.locationName ?? 'member'];
      return asArray(items).map((item) => decodeNode(model, itemRef, item));
    }
    case 'map': {
      const keyName = shape.keyTraits?.locationName ?? 'key';
      const valueName = shape.valueTraits?.locationName ?? 'value';
      const entries =
        ref.flattened || shape.flattened ? asArray(node) : asArray((node as Record<string, unknown>)?.entry);
      return Object.fromEntries(
        entries.map((e) => {
          const entry = e as Record<string, unknown>;
          return [
            String(entry[keyName]),
            decodeNode(model, { shape: shape.value as string }, entry[valueName]),
          ];
        }),
      );
    }
    default: {
      if (typeof node !== 'string') throw malformedXml();
      switch (shape.type) {
        case 'integer':
        case 'long':
          if (!/^-?\d+$/.test(node)) throw malformedXml();
          return Number(node);
        case 'float':
        case 'double':
          if (node.trim() === '' || Number.isNaN(Number(node))) throw malformedXml();
          return Number(node);
        case 'boolean':
          if (node !== 'true' && node !== 'false') throw malformedXml();
          return node === 'true';
        case 'timestamp': {
          const date = parseTimestamp(node, timestampFormat(ref, shape, 'iso8601'));
          if (!date) throw malformedXml();
          return date;
        }
        case 'blob':
          return Buffer.from(node, 'base64');
        default:
          return node;
      }
    }
  }
}
