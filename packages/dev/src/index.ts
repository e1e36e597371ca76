export { type DevChain, type DevOptions, startDev } from './dev.js';
export { groupAlive } from './processes.js';
