/**
 * Plain data (what a resolved environment is: mappings, lists, strings, numbers, booleans, null) as block YAML,
 * for people to read. Written here rather than with the yaml library's stringify, whose first run costs more than
 * the rest of `mlship validate`'s output; the tests parse it back with the library.
 */
const PLAIN = /^[A-Za-z_/][\w./@-]*(?::+[\w./@-]+)*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  return PLAIN.test(text) && !RESERVED.test(text) ? text : JSON.stringify(text);
}

function isBlock(value: unknown): value is object {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  return scalar(value);
}

function lines(value: object, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      if (!isBlock(item)) return [`${pad}- ${inline(item)}`];
      const nested = lines(item, indent + 2);
      return [`${pad}- ${(nested[0] ?? '').slice(indent + 2)}`, ...nested.slice(1)];
    });
  }
  return Object.entries(value).flatMap(([key, item]) =>
    isBlock(item)
      ? [`${pad}${scalar(key)}:`, ...lines(item, indent + 2)]
      : [`${pad}${scalar(key)}: ${inline(item)}`],
  );
}

export function toYamlText(value: object): string {
  return isBlock(value) ? `${lines(value, 0).join('\n')}\n` : `${inline(value)}\n`;
}
