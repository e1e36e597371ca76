import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The scaffold package's root: `src/` (from source) and `dist/` (built) both sit one level below it. */
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Where the Handlebars templates live: the repository's `templates/` in a checkout, or the copy that
 * `prepack` puts inside the published package (`@mlship/scaffold/templates`).
 */
export function templatesRoot(): string {
  const checkout = sourceCheckout();
  return checkout ? join(checkout, 'templates') : join(packageRoot, 'templates');
}

/** The mlship source checkout this package runs from, if it does (not an installed copy). */
export function sourceCheckout(): string | undefined {
  const root = join(packageRoot, '..', '..');
  const inRepo = existsSync(join(root, 'pnpm-workspace.yaml')) && existsSync(join(root, 'templates'));
  return inRepo ? root : undefined;
}

export function templateDir(name: 'project' | 'server'): string {
  return join(templatesRoot(), name);
}
