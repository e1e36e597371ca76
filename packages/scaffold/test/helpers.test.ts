import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createRenderer, renderString } from '../src/render-compile.js';

const hbs = createRenderer();
const render = (source: string, value: unknown) => renderString(hbs, source, { value });

describe('format helpers', () => {
  const nasty = [
    'a: b',
    '# c',
    'yes',
    'NULL',
    '1e3',
    '- x',
    "it's",
    'say "hi"',
    'two\nlines',
    '',
    ' pad ',
    '*a',
  ];

  it('{{yaml}} keeps every value a single scalar that parses back to itself', () => {
    for (const value of [...nasty, 'plain/ok-1.2', 42, true, null]) {
      expect(parseYaml(render('key: {{yaml value}}\nnext: 1\n', value))).toEqual({ key: value, next: 1 });
    }
  });

  it('{{json}} keeps every value a JSON value that parses back to itself', () => {
    for (const value of [...nasty, { a: [1, 'b'] }, 3]) {
      expect(JSON.parse(render('{"key": {{json value}} }', value))).toEqual({ key: value });
    }
  });

  it('{{dockerfile}} double-quotes and escapes $ so Docker does not expand variables', () => {
    expect(render('ENV X={{dockerfile value}}', 'a$HOME"b\\')).toBe('ENV X="a\\$HOME\\"b\\\\"');
  });
});
