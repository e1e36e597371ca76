import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { MlshipError } from '@mlship/core/base';
import type Handlebars from 'handlebars';
import Runtime from 'handlebars/runtime.js';
import { registerFormatHelpers } from './helpers.js';

export interface RenderedFile {
  /** Path relative to the project root, with `/` separators. */
  path: string;
  contents: string | Buffer;
  /** Unix mode for files that must stay executable. */
  mode?: number;
}

const TEMPLATE_SUFFIX = '.hbs';
/** npm and pnpm never pack `.gitignore` or `.npmrc`, so templates keep them under these names. */
const PACKED_DOTFILES: Record<string, string> = { _gitignore: '.gitignore', _npmrc: '.npmrc' };

type Template = (context: object) => string;

let precompiled: Promise<Record<string, unknown>> | undefined;
let runtime: typeof Handlebars | undefined;

/** The build's precompiled templates by source hash (scripts/precompile-templates.mjs); none from source. */
function precompiledTemplates(): Promise<Record<string, unknown>> {
  const url = new URL('./precompiled.js', import.meta.url).href;
  precompiled ??= import(/* @vite-ignore */ url).then(
    (module: { default: Record<string, unknown> }) => module.default,
    () => ({}),
  );
  return precompiled;
}

async function templateFor(source: string): Promise<Template> {
  const hash = createHash('sha256').update(source).digest('hex');
  const spec = (await precompiledTemplates())[hash];
  if (spec) {
    if (!runtime) {
      runtime = (Runtime as unknown as typeof Handlebars).create();
      registerFormatHelpers(runtime);
    }
    return runtime.template(spec as Parameters<typeof Handlebars.template>[0]) as Template;
  }
  const { compileTemplate } = await import('./render-compile.js');
  return compileTemplate(source);
}

/**
 * Renders a template directory: `*.hbs` files are rendered (suffix dropped), the rest copied byte for byte.
 * File names may hold `__var__` placeholders replaced from the context.
 */
export async function renderTemplateDir(dir: string, context: object): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  for (const absolute of await listFiles(dir)) {
    const rel = relative(dir, absolute).split(sep).join('/');
    const target = restoreDotfile(substituteName(rel, context));
    if (rel.endsWith(TEMPLATE_SUFFIX)) {
      const source = await readFile(absolute, 'utf8');
      files.push({
        path: target.slice(0, -TEMPLATE_SUFFIX.length),
        contents: render(await templateFor(source), context, rel),
      });
    } else {
      files.push({ path: target, contents: await readFile(absolute) });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

function render(template: Template, context: object, name: string): string {
  try {
    return template(context);
  } catch (error) {
    throw new MlshipError('TEMPLATE_RENDER', `Could not render ${name}: ${(error as Error).message}`, {
      kind: 'internal',
      cause: error,
    });
  }
}

function restoreDotfile(path: string): string {
  const slash = path.lastIndexOf('/') + 1;
  const base = path.slice(slash);
  const key = base.endsWith(TEMPLATE_SUFFIX) ? base.slice(0, -TEMPLATE_SUFFIX.length) : base;
  const restored = PACKED_DOTFILES[key];
  return restored ? path.slice(0, slash) + restored + base.slice(key.length) : path;
}

function substituteName(path: string, context: object): string {
  return path.replace(/__([a-zA-Z]+)__/g, (whole, key: string) => {
    const value = (context as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : whole;
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
