import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYamlText } from '../../src/config/yaml-text.js';
import { BASE, valid } from './fixtures.js';

describe('the resolved settings as YAML text', () => {
  it('parse back to the same settings (every environment of the sample)', () => {
    for (const { config } of valid(BASE).environments) expect(parse(toYamlText(config))).toEqual(config);
  });

  it('any plain data round-trips through the yaml library (keys and strings that need quotes included)', () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom('yes', 'no', 'null', '~', 'a: b', '- x', '#c', '1e3', 'arn:aws:x'),
    );
    const leaf = fc.oneof(
      key,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
      fc.constant(null),
    );
    const data = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
      list: fc.array(tie('value'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    })).map;
    fc.assert(
      fc.property(data, (value) => {
        expect(parse(toYamlText(value))).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it('reads as block YAML, quoting only what needs it', () => {
    expect(toYamlText({ a: { b: [1, 'x y', { c: 'yes' }] }, d: [], e: {}, f: 'arn:aws:iam::1:role/r' })).toBe(
      'a:\n  b:\n    - 1\n    - "x y"\n    - c: "yes"\nd: []\ne: {}\nf: arn:aws:iam::1:role/r\n',
    );
  });
});
