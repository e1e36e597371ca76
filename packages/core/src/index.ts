export * from './config/schema.js';
export {
  deployError,
  type ErrorKind,
  isMlshipError,
  MlshipError,
  type MlshipErrorOptions,
  userError,
} from './errors.js';
export type { ConfirmOptions, IoHost, IoLevel, IoMessage, Progress } from './io/io-host.js';
export { type RecordedEvent, RecordingIoHost } from './io/recording-host.js';
