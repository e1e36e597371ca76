export { buildProgram, run, VERSION } from './program.js';
export { reportError } from './report-error.js';
