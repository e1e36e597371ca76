import type { IoHost, IoMessage, Progress } from '@mlship/core';
import { formatElapsed } from '@mlship/core/base';
import type { Asker } from './ask.js';
import { prefixed, type Styler } from './style.js';

export interface StreamHostOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  styler: Styler;
  debug: boolean;
  now?: () => number;
  /** Set when a person can answer at a terminal (stdin is a TTY, CI unset) although stdout is piped. */
  ask?: Asker;
}

/** For CI and pipes: one plain line per message and per state change, no spinners; asks only when a person can answer. */
export class CiIoHost implements IoHost {
  readonly interactive: boolean;
  constructor(private readonly options: StreamHostOptions) {
    this.interactive = options.ask !== undefined;
  }

  notify(message: IoMessage): void {
    if (message.level === 'debug' && !this.options.debug) return;
    const stream =
      message.level === 'error' || message.level === 'warn' ? this.options.stderr : this.options.stdout;
    stream.write(`${this.options.styler.level(message.level, prefixed(message.level, message.message))}\n`);
  }

  async confirm(question: string, options: { default?: boolean } = {}): Promise<boolean> {
    return this.options.ask
      ? this.options.ask(question, options.default ?? false)
      : (options.default ?? false);
  }

  progress(label: string): Progress {
    const now = this.options.now ?? Date.now;
    const start = now();
    const out = this.options.stdout;
    const { styler } = this.options;
    let last = '';
    const line = (text: string) => `${styler.dim(`[${formatElapsed(now() - start)}]`)} ${text}\n`;
    out.write(line(`${label} ...`));
    return {
      update: (text) => {
        if (text === last) return;
        last = text;
        out.write(line(`${label}: ${text}`));
      },
      succeed: (text) => out.write(line(styler.level('success', `done: ${text ?? label}`))),
      fail: (text) => out.write(line(styler.level('error', `failed: ${text ?? label}`))),
    };
  }

  result(data: unknown, text?: string): void {
    this.options.stdout.write(`${text ?? JSON.stringify(data, null, 2)}\n`);
  }
}
