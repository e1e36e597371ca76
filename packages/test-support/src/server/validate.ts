import { AwsError } from './aws-error.js';
import type { ApiModel, Shape } from './model.js';

/**
 * Validates a request against the service model the way AWS's front end does (Coral-style messages):
 * `2 validation errors detected: Value 'a_b' at 'endpointName' failed to satisfy constraint: Member must
 * satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; Value null at ...`.
 * Members the model does not know are ignored, like the JSON front end does. Query services answer the same
 * text under their own code (`ValidationError` for IAM and STS).
 */
export function assertValidInput(
  model: ApiModel,
  operation: string,
  input: unknown,
  code = 'ValidationException',
): void {
  const shapeName = model.operations[operation]?.input;
  if (!shapeName) return;
  const violations: string[] = [];
  visit(model, shapeName, input, '', violations);
  if (violations.length > 0) {
    const n = violations.length;
    throw new AwsError(code, `${n} validation error${n > 1 ? 's' : ''} detected: ${violations.join('; ')}`);
  }
}

function visit(model: ApiModel, shapeName: string, value: unknown, path: string, out: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape || value === undefined || value === null) return;
  const fail = (constraint: string) =>
    out.push(`Value ${show(value)} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return;
      const obj = value as Record<string, unknown>;
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const memberPath = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name);
        if (shape.required?.includes(name) && (obj[name] === undefined || obj[name] === null)) {
          out.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
          continue;
        }
        visit(model, member.shape, obj[name], memberPath, out);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return;
      checkLength(shape, value.length, fail);
      value.forEach((item, i) => {
        visit(model, shape.member as string, item, `${path}.${i + 1}.member`, out);
      });
      return;
    }
    case 'map': {
      if (typeof value !== 'object') return;
      const entries = Object.entries(value as Record<string, unknown>);
      checkLength(shape, entries.length, fail);
      for (const [k, v] of entries) {
        visit(model, shape.key as string, k, `${path}.${k}.key`, out);
        visit(model, shape.value as string, v, `${path}.${k}.value`, out);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return;
      checkLength(shape, [...value].length, fail);
      if (shape.enum && !shape.enum.includes(value)) {
        fail(`satisfy enum value set: [${shape.enum.join(', ')}]`);
      } else if (shape.pattern && !compile(shape.pattern)?.test(value)) {
        fail(
          `satisfy regular expression pattern: ${shape.pattern.startsWith('^') ? '' : '^'}${shape.pattern}`,
        );
      }
      return;
    }
    case 'blob': {
      if (value instanceof Uint8Array) checkLength(shape, value.byteLength, fail);
      return;
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      if (typeof value !== 'number') return;
      if (shape.min !== undefined && value < shape.min)
        fail(`have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`have value less than or equal to ${shape.max}`);
      return;
    }
  }
}

function checkLength(shape: Shape, length: number, fail: (constraint: string) => void): void {
  if (shape.min !== undefined && length < shape.min)
    fail(`have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) fail(`have length less than or equal to ${shape.max}`);
}

const patterns = new Map<string, RegExp | undefined>();

/** Model patterns are Java regexes matched against the whole value. */
function compile(pattern: string): RegExp | undefined {
  if (patterns.has(pattern)) return patterns.get(pattern);
  const source = `^(?:${pattern.replaceAll('\\p{Print}', '[\\x20-\\x7E]')})$`;
  let regex: RegExp | undefined;
  for (const flags of ['u', '']) {
    try {
      regex = new RegExp(source, flags);
      break;
    } catch {
      // not valid in this mode: try the next one, else skip the check
    }
  }
  patterns.set(pattern, regex);
  return regex;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value))
    return `'[${value.map((v) => (typeof v === 'object' ? '{...}' : String(v))).join(', ')}]'`;
  if (value instanceof Uint8Array) return `'<${value.byteLength} bytes>'`;
  if (typeof value === 'object') return `'{...}'`;
  return `'${String(value)}'`;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
