import type { ApiModel } from './model.js';

/**
 * What is wrong with a fake's answer, measured against the operation's output shape: JS types per shape type,
 * required members, enum values, members the model does not know. Empty when the answer fits.
 */
export function outputViolations(model: ApiModel, shapeName: string | undefined, value: unknown): string[] {
  const out: string[] = [];
  if (shapeName) visit(model, shapeName, value, '', out);
  else if (value && Object.keys(value).length > 0) out.push('the operation has no output, got members');
  return out;
}

function visit(model: ApiModel, shapeName: string, value: unknown, path: string, out: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape || value === undefined || value === null) return;
  const at = path || '(output)';
  const expect = (ok: boolean, what: string) => {
    if (!ok) out.push(`${at}: expected ${what}, got ${describe(value)}`);
    return ok;
  };
  switch (shape.type) {
    case 'structure': {
      if (!expect(isPlainObject(value), 'a structure')) return;
      const obj = value as Record<string, unknown>;
      const members = shape.members ?? {};
      for (const name of shape.required ?? []) {
        if (obj[name] === undefined || obj[name] === null)
          out.push(`${join(path, name)}: required member missing`);
      }
      for (const [name, v] of Object.entries(obj)) {
        const member = members[name];
        if (!member) {
          if (v !== undefined) out.push(`${join(path, name)}: not a member of ${shapeName}`);
          continue;
        }
        visit(model, member.shape, v, join(path, name), out);
      }
      return;
    }
    case 'list':
      if (!expect(Array.isArray(value), 'a list')) return;
      (value as unknown[]).forEach((item, i) => {
        visit(model, shape.member as string, item, `${at}[${i}]`, out);
      });
      return;
    case 'map':
      if (!expect(isPlainObject(value), 'a map')) return;
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        visit(model, shape.value as string, v, `${at}.${k}`, out);
      }
      return;
    case 'string':
      if (
        expect(typeof value === 'string', 'a string') &&
        shape.enum &&
        !shape.enum.includes(value as string)
      ) {
        out.push(`${at}: '${value}' is not one of [${shape.enum.join(', ')}]`);
      }
      return;
    case 'boolean':
      expect(typeof value === 'boolean', 'a boolean');
      return;
    case 'integer':
    case 'long':
      expect(Number.isInteger(value), 'an integer');
      return;
    case 'float':
    case 'double':
      expect(typeof value === 'number', 'a number');
      return;
    case 'timestamp':
      expect(value instanceof Date && !Number.isNaN(value.getTime()), 'a Date');
      return;
    case 'blob':
      expect(typeof value === 'string' || value instanceof Uint8Array, 'bytes (Uint8Array or string)');
      return;
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
