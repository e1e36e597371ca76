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
  const inRepo = join(packageRoot, '..', '..', 'templates');
  if (existsSync(join(packageRoot, '..', '..', 'pnpm-workspace.yaml')) && existsSync(inRepo)) return inRepo;
  return join(packageRoot, 'templates');
}

export function templateDir(name: 'project' | 'server'): string {
  return join(templatesRoot(), name);
}
