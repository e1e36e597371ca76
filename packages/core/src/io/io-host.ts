export type IoLevel = 'debug' | 'info' | 'warn' | 'error' | 'success';

export interface IoMessage {
  level: IoLevel;
  message: string;
  /** A stable code so that JSON consumers and tests can match messages without parsing text. */
  code?: string;
  data?: unknown;
}

export interface Progress {
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
}

export interface ConfirmOptions {
  default?: boolean;
}

/** All user-facing I/O goes through one injected host: interactive, CI (plain lines), JSON or recording. */
export interface IoHost {
  notify(message: IoMessage): void;
  confirm(question: string, options?: ConfirmOptions): Promise<boolean>;
  progress(label: string): Progress;
  /** Structured result of a command: printed as JSON by the JSON host, rendered as text by the others. */
  result(data: unknown, text?: string): void;
  /** A person can answer `confirm` (stdin is a terminal and CI is not set), whatever stdout is. */
  readonly interactive: boolean;
}
