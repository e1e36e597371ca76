import type { IncomingMessage } from 'node:http';
import { AwsError } from './aws-error.js';
import type { ApiModel, MemberRef, Shape } from './model.js';
import { shapeOf } from './model.js';
import { formatTimestamp, parseTimestamp, type TimestampFormat, timestampFormat } from './wire-values.js';

interface CompiledUri {
  operation: string;
  method: string;
  regex: RegExp;
  labels: string[];
  query: [string, string | undefined][];
  /** Literal characters in the path: the more, the more specific. */
  weight: number;
}

const compiled = new WeakMap<ApiModel, CompiledUri[]>();

/** Compiles `requestUri`s: `{Name}` matches one segment, `{Key+}` the rest; `?a&b=c` must be present. */
function uris(model: ApiModel): CompiledUri[] {
  let list = compiled.get(model);
  if (list) return list;
  list = Object.entries(model.operations).map(([operation, op]) => {
    const [path = '/', query = ''] = op.http.requestUri.split('?');
    const labels: string[] = [];
    const source = path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
        if (!label) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        labels.push(label[1] as string);
        return label[2] ? '(.+)' : '([^/]+)';
      })
      .join('');
    return {
      operation,
      method: op.http.method,
      regex: new RegExp(`^${source.replace(/\/$/, '')}/?$`),
      labels,
      query: query
        ? query.split('&').map((kv) => kv.split('=') as [string, string | undefined])
        : ([] as [string, string | undefined][]),
      weight: path.replace(/\{[^}]+\}/g, '').length + query.length,
    };
  });
  list.sort((a, b) => b.weight - a.weight);
  compiled.set(model, list);
  return list;
}

export interface MatchedOperation {
  operation: string;
  labels: Record<string, string>;
  url: URL;
}

/** The operation whose method and requestUri match the request, with the URI labels' raw values. */
export function matchOperation(model: ApiModel, req: IncomingMessage): MatchedOperation | undefined {
  const url = new URL(req.url ?? '/', 'http://fake');
  for (const uri of uris(model)) {
    if (uri.method !== req.method) continue;
    const m = uri.regex.exec(url.pathname);
    if (!m) continue;
    if (
      !uri.query.every(
        ([k, v]) => url.searchParams.has(k) && (v === undefined || url.searchParams.get(k) === v),
      )
    ) {
      continue;
    }
    const labels = Object.fromEntries(uri.labels.map((name, i) => [name, m[i + 1] as string]));
    return { operation: uri.operation, labels, url };
  }
  return undefined;
}

/** Reads the members bound to the URI, query string and headers of a request into `out`. */
export function decodeBindings(
  model: ApiModel,
  shape: Shape,
  req: IncomingMessage,
  matched: MatchedOperation,
  out: Record<string, unknown>,
): void {
  const claimed = new Set<string>();
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    if (ref.location === 'querystring' && shapeOf(model, ref.shape).type !== 'map') {
      claimed.add(ref.locationName ?? name);
    }
  }
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const key = ref.locationName ?? name;
    const target = shapeOf(model, ref.shape);
    let value: unknown;
    if (ref.location === 'uri') {
      const raw = matched.labels[key];
      if (raw !== undefined)
        value = scalar(model, ref, raw.split('/').map(decodeURIComponent).join('/'), 'iso8601');
    } else if (ref.location === 'querystring') {
      const params = matched.url.searchParams;
      if (target.type === 'map') {
        const entries = [...params.keys()].filter((k) => !claimed.has(k)).map((k) => [k, params.get(k)]);
        if (entries.length > 0) value = Object.fromEntries(entries);
      } else if (target.type === 'list') {
        const all = params.getAll(key);
        if (all.length > 0)
          value = all.map((v) => scalar(model, { shape: target.member as string }, v, 'iso8601'));
      } else if (params.has(key)) {
        value = scalar(model, ref, params.get(key) as string, 'iso8601');
      }
    } else if (ref.location === 'header') {
      const raw = req.headers[key.toLowerCase()];
      if (raw !== undefined) {
        const text = Array.isArray(raw) ? raw.join(', ') : raw;
        value =
          target.type === 'list'
            ? text
                .split(',')
                .map((v) => scalar(model, { shape: target.member as string }, v.trim(), 'rfc822'))
            : scalar(model, ref, text, 'rfc822');
      }
    } else if (ref.location === 'headers') {
      const prefix = key.toLowerCase();
      const entries = Object.entries(req.headers)
        .filter(([h]) => h.startsWith(prefix))
        .map(([h, v]) => [h.slice(prefix.length), String(v)]);
      if (entries.length > 0) value = Object.fromEntries(entries);
    }
    if (value !== undefined) out[name] = value;
  }
}

/** A string from a URI label, query parameter or header, converted to the member's type. */
function scalar(model: ApiModel, ref: MemberRef, raw: string, fallback: TimestampFormat): unknown {
  const shape = shapeOf(model, ref.shape);
  const bad = () =>
    new AwsError('SerializationException', `Value '${raw}' can not be converted to a ${shape.type}`);
  switch (shape.type) {
    case 'integer':
    case 'long':
      if (!/^-?\d+$/.test(raw)) throw bad();
      return Number(raw);
    case 'float':
    case 'double':
      if (Number.isNaN(Number(raw))) throw bad();
      return Number(raw);
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw bad();
      return raw === 'true';
    case 'timestamp': {
      const date = parseTimestamp(raw, timestampFormat(ref, shape, fallback));
      if (!date) throw bad();
      return date;
    }
    case 'blob':
      return Buffer.from(raw, 'base64');
    default:
      return raw;
  }
}

/** Writes the output members bound to headers and the status code; returns the status code member's value. */
export function encodeBindings(
  model: ApiModel,
  shape: Shape,
  output: Record<string, unknown>,
  headers: Record<string, string>,
): number | undefined {
  let status: number | undefined;
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const value = output[name];
    if (value === undefined || value === null) continue;
    const key = ref.locationName ?? name;
    if (ref.location === 'statusCode') status = value as number;
    else if (ref.location === 'header') headers[key] = headerValue(model, ref, value);
    else if (ref.location === 'headers') {
      for (const [k, v] of Object.entries(value as Record<string, string>)) headers[key + k] = v;
    }
  }
  return status;
}

function headerValue(model: ApiModel, ref: MemberRef, value: unknown): string {
  const shape = shapeOf(model, ref.shape);
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value instanceof Date) return String(formatTimestamp(value, timestampFormat(ref, shape, 'rfc822')));
  return String(value);
}

export function isBodyMember(ref: MemberRef): boolean {
  return ref.location === undefined;
}
