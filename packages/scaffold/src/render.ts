import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { MlshipError } from '@mlship/core';
import Handlebars from 'handlebars';
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

/** A Handlebars environment in strict mode (a missing variable fails) with no HTML escaping. */
export function createRenderer(): typeof Handlebars {
  const hbs = Handlebars.create();
  registerFormatHelpers(hbs);
  return hbs;
}

/**
 * Renders a template directory: `*.hbs` files are rendered (suffix dropped), the rest copied byte for byte.
 * File names may hold `__var__` placeholders replaced from the context.
 */
export async function renderTemplateDir(dir: string, context: object): Promise<RenderedFile[]> {
  const hbs = createRenderer();
  const files: RenderedFile[] = [];
  for (const absolute of await listFiles(dir)) {
    const rel = relative(dir, absolute).split(sep).join('/');
    const target = restoreDotfile(substituteName(rel, context));
    if (rel.endsWith(TEMPLATE_SUFFIX)) {
      const source = await readFile(absolute, 'utf8');
      files.push({
        path: target.slice(0, -TEMPLATE_SUFFIX.length),
        contents: renderString(hbs, source, context, rel),
      });
    } else {
      files.push({ path: target, contents: await readFile(absolute) });
    }
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

export function renderString(
  hbs: typeof Handlebars,
  source: string,
  context: object,
  name = 'template',
): string {
  try {
    return hbs.compile(source, { strict: true, noEscape: true })(context);
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
