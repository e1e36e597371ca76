import { MlshipError } from '@mlship/core/base';
import Handlebars from 'handlebars';
import { registerFormatHelpers } from './helpers.js';

/** A Handlebars environment with the compiler, in strict mode (a missing variable fails), no HTML escaping. */
export function createRenderer(): typeof Handlebars {
  const hbs = Handlebars.create();
  registerFormatHelpers(hbs);
  return hbs;
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

let compiler: typeof Handlebars | undefined;

/** Compiles at run time: for templates that were not precompiled by the build (running from source, or edited). */
export function compileTemplate(source: string): (context: object) => string {
  compiler ??= createRenderer();
  return compiler.compile(source, { strict: true, noEscape: true });
}
