import type { ConfirmOptions, IoHost, IoMessage, Progress } from './io-host.js';

export interface RecordedEvent {
  kind: 'notify' | 'confirm' | 'progress' | 'result';
  message?: IoMessage;
  text?: string;
  data?: unknown;
}

/** A host for tests: records everything, answers confirmations from a queue (default: the question's default). */
export class RecordingIoHost implements IoHost {
  readonly events: RecordedEvent[] = [];
  readonly interactive: boolean;
  private readonly answers: boolean[];

  constructor(options: { interactive?: boolean; confirmAnswers?: boolean[] } = {}) {
    this.interactive = options.interactive ?? false;
    this.answers = [...(options.confirmAnswers ?? [])];
  }

  notify(message: IoMessage): void {
    this.events.push({ kind: 'notify', message });
  }

  async confirm(question: string, options: ConfirmOptions = {}): Promise<boolean> {
    this.events.push({ kind: 'confirm', text: question });
    return this.answers.shift() ?? options.default ?? false;
  }

  progress(label: string): Progress {
    const record = (text: string) => this.events.push({ kind: 'progress', text });
    record(label);
    return {
      update: (text) => record(`${label}: ${text}`),
      succeed: (text) => record(`ok ${text ?? label}`),
      fail: (text) => record(`failed ${text ?? label}`),
    };
  }

  result(data: unknown, text?: string): void {
    this.events.push({ kind: 'result', data, ...(text === undefined ? {} : { text }) });
  }

  messages(level?: IoMessage['level']): string[] {
    return this.events
      .filter((e) => e.kind === 'notify' && (level === undefined || e.message?.level === level))
      .map((e) => e.message?.message ?? '');
  }

  get lines(): string[] {
    return this.events.map((e) => e.message?.message ?? e.text ?? '');
  }
}
