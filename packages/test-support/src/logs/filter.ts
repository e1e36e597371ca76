/**
 * CloudWatch Logs filter patterns for unstructured text, the subset the fakes understand: terms that must all
 * appear (`ERROR timeout`), quoted phrases (`"Task timed out"`), `-term` to exclude, `?a ?b` for any of.
 * Case-sensitive, like the service. JSON (`{ $.x = 1 }`) and space-delimited (`[a, b]`) patterns are not
 * modelled: they throw, so a test never passes on an unchecked filter.
 */
export function matcher(pattern: string | undefined): (message: string) => boolean {
  const text = pattern?.trim() ?? '';
  if (text === '') return () => true;
  if (text.startsWith('{') || text.startsWith('[')) {
    throw new Error(`fake: filter pattern ${text} (JSON/space-delimited) is not modelled; see FAKES.md`);
  }
  const terms = [...text.matchAll(/([?-]?)(?:"([^"]*)"|(\S+))/g)].map((m) => ({
    op: m[1] ?? '',
    term: m[2] ?? m[3] ?? '',
  }));
  const any = terms.filter((t) => t.op === '?');
  const all = terms.filter((t) => t.op === '');
  const none = terms.filter((t) => t.op === '-');
  return (message) =>
    all.every((t) => message.includes(t.term)) &&
    none.every((t) => !message.includes(t.term)) &&
    (any.length === 0 || any.some((t) => message.includes(t.term)));
}
