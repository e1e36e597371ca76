import { formatElapsed, type IoHost, type IoMessage, type Progress } from '@mlship/core';
import ora from 'ora';
import { askOn } from './ask.js';
import type { StreamHostOptions } from './ci-host.js';
import { prefixed } from './style.js';

/** A terminal: ora spinners that show the elapsed time, coloured messages, y/n confirmations. */
export class InteractiveIoHost implements IoHost {
  readonly interactive = true;
  constructor(private readonly options: StreamHostOptions & { color: boolean }) {}

  notify(message: IoMessage): void {
    if (message.level === 'debug' && !this.options.debug) return;
    const stream =
      message.level === 'error' || message.level === 'warn' ? this.options.stderr : this.options.stdout;
    stream.write(`${this.options.styler.level(message.level, prefixed(message.level, message.message))}\n`);
  }

  async confirm(question: string, options: { default?: boolean } = {}): Promise<boolean> {
    return askOn(this.options.stdout)(question, options.default ?? false);
  }

  progress(label: string): Progress {
    const start = Date.now();
    let status = '';
    const text = () =>
      `${label}${status ? `: ${status}` : ''} ${this.options.styler.dim(`(${formatElapsed(Date.now() - start)})`)}`;
    const spinner = ora({
      text: text(),
      stream: this.options.stdout as NodeJS.WriteStream,
      color: 'cyan',
      isEnabled: true,
    }).start();
    const timer = setInterval(() => {
      spinner.text = text();
    }, 1000);
    timer.unref();
    const stop = () => clearInterval(timer);
    const { styler } = this.options;
    const done = (final: string | undefined) =>
      `${final ?? label} ${styler.dim(`(${formatElapsed(Date.now() - start)})`)}`;
    return {
      update: (next) => {
        status = next;
        spinner.text = text();
      },
      succeed: (final) => {
        stop();
        spinner.stopAndPersist({ symbol: styler.level('success', '✔'), text: done(final) });
      },
      fail: (final) => {
        stop();
        spinner.stopAndPersist({ symbol: styler.level('error', '✖'), text: done(final) });
      },
    };
  }

  result(data: unknown, text?: string): void {
    this.options.stdout.write(`${text ?? JSON.stringify(data, null, 2)}\n`);
  }
}
