import type Handlebars from 'handlebars';

/**
 * Per-format escaping helpers: a value inserted with one of these can never break the file it lands in.
 * `{{yaml x}}` a YAML scalar, `{{json x}}` a JSON value, `{{shell x}}` a single shell word,
 * `{{dockerfile x}}` a value for a Dockerfile ENV/LABEL line.
 */
export function registerFormatHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null));
  hbs.registerHelper('yaml', (value: unknown) => yamlScalar(value));
  hbs.registerHelper('shell', (value: unknown) => shellWord(String(value)));
  hbs.registerHelper('dockerfile', (value: unknown) => dockerfileWord(String(value)));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}

/** JSON is a subset of YAML 1.2, so a JSON string is always a safe YAML scalar; plain-safe strings stay bare. */
export function yamlScalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return JSON.stringify(value ?? null);
  }
  const text = String(value);
  const plainSafe =
    /^[A-Za-z_/][\w./@-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(text);
  return plainSafe ? text : JSON.stringify(text);
}

export function shellWord(text: string): string {
  return /^[\w./:=@%+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'"'"'`)}'`;
}

/** A double-quoted Dockerfile word: JSON escapes quotes and backslashes; `$` is escaped so it is not expanded. */
export function dockerfileWord(text: string): string {
  return JSON.stringify(text).replaceAll('$', '\\$');
}
