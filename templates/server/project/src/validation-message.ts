import type { FastifyError } from 'fastify';

const BODY_KEYS = ['instances', 'inputs'];
const ONE_OF = '"instances" (a list of examples) or "inputs" (named tensors)';

/** The value at a JSON pointer such as `/instances/0`, to say how many items a too-short list has. */
function valueAt(body: unknown, pointer: string): unknown {
  let value = body;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function itemCount(value: unknown): string {
  if (!Array.isArray(value)) return 'a list';
  return value.length === 1 ? '1 item' : `${value.length} items`;
}

/** Says what is wrong with a body that failed the route's schema, naming the field and what was expected. */
export function validationMessage(error: FastifyError, body: unknown): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const where = `${error.validationContext ?? 'body'}${first.instancePath.replaceAll('/', '.')}`;
  if (first.instancePath === '' && (first.keyword === 'minProperties' || first.keyword === 'maxProperties')) {
    const keys = typeof body === 'object' && body !== null ? Object.keys(body) : [];
    const unknown = keys.find((key) => !BODY_KEYS.includes(key));
    if (unknown !== undefined) return `body has an unknown property ${JSON.stringify(unknown)}: send only ${ONE_OF}`;
    if (keys.length > 1) return `body holds both "instances" and "inputs": send one of ${ONE_OF}`;
    return `body must hold one of ${ONE_OF}`;
  }
  const value = valueAt(body, first.instancePath);
  const limit = String(first.params.limit);
  if (first.keyword === 'minItems') {
    if (Array.isArray(value) && value.length === 0) return `${where} is empty: send at least one item`;
    return `${where} has ${itemCount(value)}; expected at least ${limit}`;
  }
  if (first.keyword === 'maxItems') return `${where} has ${itemCount(value)}; expected at most ${limit}`;
  if (first.keyword === 'additionalProperties') {
    return `${where} has an unknown property ${JSON.stringify(first.params.additionalProperty)}`;
  }
  return `${where} ${first.message ?? 'is invalid'}`;
}
