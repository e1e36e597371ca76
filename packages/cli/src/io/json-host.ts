import type { IoHost, IoMessage, Progress } from '@mlship/core';
import type { Asker } from './ask.js';

/** `--json`: the machine-readable result alone on stdout, every log line on stderr. */
export class JsonIoHost implements IoHost {
  readonly interactive: boolean;
  constructor(
    private readonly stdout: NodeJS.WritableStream,
    private readonly stderr: NodeJS.WritableStream,
    private readonly debug: boolean,
    /** Set when a person can answer at a terminal; the question goes to stderr. */
    private readonly ask?: Asker,
  ) {
    this.interactive = ask !== undefined;
  }

  notify(message: IoMessage): void {
    if (message.level === 'debug' && !this.debug) return;
    this.stderr.write(
      `${JSON.stringify({ level: message.level, code: message.code, message: message.message })}\n`,
    );
  }

  async confirm(question: string, options: { default?: boolean } = {}): Promise<boolean> {
    return this.ask ? this.ask(question, options.default ?? false) : (options.default ?? false);
  }

  progress(label: string): Progress {
    const log = (state: string, text: string) =>
      this.stderr.write(`${JSON.stringify({ level: 'info', code: 'PROGRESS', state, message: text })}\n`);
    log('start', label);
    return {
      update: (text) => log('update', `${label}: ${text}`),
      succeed: (text) => log('succeed', text ?? label),
      fail: (text) => log('fail', text ?? label),
    };
  }

  result(data: unknown, _text?: string): void {
    this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  }
}
