export { type LocalFrontOptions, type LocalServer, startLocalFront } from './front.js';
export {
  type RuntimeError,
  type RuntimeStandIn,
  type RuntimeStandInOptions,
  startRuntimeStandIn,
} from './runtime-stand-in.js';
