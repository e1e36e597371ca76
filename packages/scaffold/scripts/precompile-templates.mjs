// build: precompiles every *.hbs template into dist/precompiled.js, keyed by the SHA-256 of its source, so
// `mlship init` renders with the small Handlebars runtime. A template edited after the build has another hash
// and is compiled at run time instead, so a stale build can never render old text.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const templates = join(pkg, '..', '..', 'templates');
const entries = [];
for (const entry of readdirSync(templates, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
  const source = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  const hash = createHash('sha256').update(source).digest('hex');
  const spec = Handlebars.precompile(source, { strict: true, noEscape: true });
  entries.push(`  ${JSON.stringify(hash)}: ${spec},`);
}
writeFileSync(join(pkg, 'dist', 'precompiled.js'), `export default {\n${entries.join('\n')}\n};\n`);
console.log(`precompiled ${entries.length} templates into dist/precompiled.js`);
