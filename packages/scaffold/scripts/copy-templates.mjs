// prepack: copies the repository's templates/ into the package (npm never packs .gitignore or .npmrc,
// so those travel as _gitignore and _npmrc and the renderer restores their names).
import { cpSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const target = join(pkg, 'templates');
rmSync(target, { recursive: true, force: true });
if (process.argv[2] === '--clean') process.exit(0);
cpSync(join(pkg, '..', '..', 'templates'), target, { recursive: true });
for (const entry of readdirSync(target, { recursive: true, withFileTypes: true })) {
  if (entry.isFile() && (entry.name === '.gitignore' || entry.name === '.npmrc')) {
    renameSync(join(entry.parentPath, entry.name), join(entry.parentPath, `_${entry.name.slice(1)}`));
  }
}
