export { registerFormatHelpers, shellWord, yamlScalar } from './helpers.js';
export { createRenderer, type RenderedFile, renderString, renderTemplateDir } from './render.js';
