export { type DoctorOptions, type DoctorReport, doctor } from './doctor.js';
export { printPolicy } from './policy.js';
export { preflight } from './preflight.js';
export { renderRows } from './render.js';
export type { CheckRow, CheckStatus } from './types.js';
