import { badRequest } from './state.js';

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: string;
  from?: string;
}

/**
 * One accepted patch path and the ops it allows. `prepare` checks the value and returns the change, so a bad
 * operation anywhere in the list leaves the resource untouched; `params` are the `{…}` parts of the path.
 */
export interface PatchRule {
  path: string;
  ops: ReadonlyArray<PatchOperation['op']>;
  prepare(op: PatchOperation, params: string[]): () => void;
}

function matches(rule: string, path: string): string[] | undefined {
  const ruleParts = rule.split('/');
  const parts = path.split('/');
  if (ruleParts.length !== parts.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const r = ruleParts[i] as string;
    const p = parts[i] as string;
    if (r.startsWith('{') && r.endsWith('}')) {
      if (!p) return undefined;
      params.push(p);
    } else if (r !== p) return undefined;
  }
  return params;
}

/**
 * Applies JSON-Patch-style operations the way API Gateway's Update* calls do: each `path` must be one the resource
 * documents for that `op`, else `BadRequestException: Invalid patch path '<path>' specified for op '<op>'`.
 * All operations are checked before any is applied.
 */
export function applyPatch(operations: PatchOperation[] | undefined, rules: readonly PatchRule[]): void {
  const planned: Array<() => void> = [];
  for (const operation of operations ?? []) {
    const hit = rules
      .map((rule) => ({ rule, params: matches(rule.path, operation.path) }))
      .find(({ rule, params }) => params && rule.ops.includes(operation.op));
    if (!hit?.params) {
      const allowed = rules.filter((r) => r.ops.includes(operation.op)).map((r) => r.path);
      throw badRequest(
        `Invalid patch path  '${operation.path}' specified for op '${operation.op}'. Must be one of: [${allowed.join(', ')}]`,
      );
    }
    planned.push(hit.rule.prepare(operation, hit.params));
  }
  for (const apply of planned) apply();
}

export function requireValue(op: PatchOperation): string {
  if (op.value === undefined)
    throw badRequest(`Invalid patch operation specified. Missing value for ${op.path}`);
  return op.value;
}

export function numberValue(op: PatchOperation, integer: boolean): number {
  const raw = requireValue(op);
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw badRequest(
      `Invalid value '${raw}' for ${op.path}: expected ${integer ? 'an integer' : 'a number'}`,
    );
  }
  return value;
}

export function booleanValue(op: PatchOperation): boolean {
  const raw = requireValue(op);
  if (raw !== 'true' && raw !== 'false')
    throw badRequest(`Invalid value '${raw}' for ${op.path}: expected true or false`);
  return raw === 'true';
}
