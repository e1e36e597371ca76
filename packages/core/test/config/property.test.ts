import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MlshipError, parseRelease, resolvedEnvironmentSchema } from '@mlship/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const SAMPLE = readFileSync(
  fileURLToPath(new URL('../../../../examples/release/release.yaml', import.meta.url)),
  'utf8',
);

type Json = unknown;
type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'insert'; at: number; key: string; value: Json };

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function parentOf(root: Json, path: (string | number)[]): Record<string | number, Json> | undefined {
  let node = root as Record<string | number, Json> | undefined;
  for (const part of path.slice(0, -1)) node = node?.[part] as Record<string | number, Json> | undefined;
  return typeof node === 'object' && node !== null ? node : undefined;
}

function mutate(document: Json, mutations: Mutation[]): Json {
  const root = structuredClone(document) as Record<string, Json>;
  for (const mutation of mutations) {
    const all = paths(root).filter((path) => path.length > 0);
    if (all.length === 0) break;
    const path = all[mutation.at % all.length]!;
    const parent = parentOf(root, path);
    const last = path.at(-1)!;
    if (!parent) continue;
    if (mutation.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (mutation.kind === 'replace') {
      parent[last] = mutation.value;
    } else {
      const target = parent[last];
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        (target as Record<string, Json>)[mutation.key] = mutation.value;
      }
    }
  }
  return root;
}

/** The loader's contract: a valid config, or an MlshipError, never any other exception. */
function expectConfigOrMlshipError(text: string): 'valid' | 'invalid' {
  try {
    const { environments } = parseRelease(text, 'release.yaml');
    for (const { config } of environments)
      expect(resolvedEnvironmentSchema.safeParse(config).success).toBe(true);
    return 'valid';
  } catch (error) {
    if (!(error instanceof MlshipError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
    return 'invalid';
  }
}

const jsonValue = fc.jsonValue({ maxDepth: 2 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: jsonValue }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('front', 'type', 'enabled', 'count', '__proto__'),
    ),
    value: jsonValue,
  }),
);

describe('loader under random mutation', () => {
  const document = parse(SAMPLE) as Json;

  it('the unmutated sample is valid', () => {
    expect(expectConfigOrMlshipError(SAMPLE)).toBe('valid');
  });

  it('returns a valid config or throws an MlshipError for mutated documents', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        expectConfigOrMlshipError(stringify(mutate(document, mutations)));
      }),
      { numRuns: 300 },
    );
  });

  it('returns a valid config or throws an MlshipError for mangled text', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.oneof(
          fc.string({ maxLength: 4 }),
          fc.constantFrom(':', '- ', '{', '[', '&a ', '*a', '\t', '\n  ', '"', '#', '---\n', '!!binary '),
        ),
      }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = SAMPLE;
        for (const change of edits) {
          const at = change.at % (text.length + 1);
          text =
            change.kind === 'truncate' ? text.slice(0, at) : text.slice(0, at) + change.text + text.slice(at);
        }
        expectConfigOrMlshipError(text);
      }),
      { numRuns: 250 },
    );
  });

  it('survives alias bombs and self-references', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
      );
    expect(expectConfigOrMlshipError(bomb.join('\n'))).toBe('invalid');
    expect(expectConfigOrMlshipError('a: &x\n  b: *x\n')).toBe('invalid');
  });
});
