import { type Document, Scalar, visit } from 'yaml';

/**
 * The yaml library reports an unclosed quote where it gave up looking (often past the last line); the useful
 * place is where the quoted value starts.
 */
export function errorOffset(doc: Document, code: string, message: string, offset: number): number {
  const quote = code === 'MISSING_CHAR' ? /Missing closing (["'])quote/.exec(message)?.[1] : undefined;
  if (!quote) return offset;
  const type = quote === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const begin = node.range?.[0];
      if (
        node.type === type &&
        begin !== undefined &&
        begin < offset &&
        (start === undefined || begin > start)
      )
        start = begin;
    },
  });
  return start ?? offset;
}

/** The yaml library's message, in the words of this tool. */
export function yamlErrorMessage(message: string): string {
  return message
    .replace(/; please use YAML\.parseAllDocuments\(\)/, '')
    .replace(/^Missing closing (["'])quote$/, 'the quoted value starting here has no closing $1');
}
