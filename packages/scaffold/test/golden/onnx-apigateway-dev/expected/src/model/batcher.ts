import type { EncodedTensor, TensorData } from './tensor-input.js';

export type Feeds = Record<string, EncodedTensor>;

interface Pending<O> {
  feeds: Feeds;
  rows: number;
  resolve: (result: BatchResult<O>) => void;
  reject: (error: unknown) => void;
}

export interface BatchResult<O> {
  outputs: O;
  /** Where this request's rows start in the outputs' first dimension. */
  offset: number;
  /** Rows in the run (the outputs' expected first dimension). */
  total: number;
}

/**
 * Dynamic batching: requests that arrive in the same event-loop turn are concatenated along the instance
 * axis and run as one inference, then each gets its own slice of the outputs. onnxruntime-node runs
 * inference on the JavaScript thread, so one run of 50 rows costs about as much as one run of 1 row.
 * Requests whose non-batch dimensions differ run separately; if a combined run fails, each request is
 * retried on its own so one request can never fail another.
 */
export class Batcher<O> {
  private pending: Array<Pending<O>> = [];
  private scheduled = false;

  constructor(
    private readonly runFeeds: (feeds: Feeds) => Promise<O>,
    private readonly maxRows = 1024,
  ) {}

  submit(feeds: Feeds, rows: number): Promise<BatchResult<O>> {
    return new Promise((resolve, reject) => {
      this.pending.push({ feeds, rows, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (const group of this.groups(pending)) void this.runGroup(group);
  }

  private groups(pending: Array<Pending<O>>): Array<Array<Pending<O>>> {
    const byShape = new Map<string, Array<Array<Pending<O>>>>();
    for (const item of pending) {
      const key = shapeKey(item.feeds);
      let chunks = byShape.get(key);
      if (!chunks) {
        chunks = [[]];
        byShape.set(key, chunks);
      }
      let chunk = chunks[chunks.length - 1]!;
      if (chunk.length > 0 && chunk.reduce((n, p) => n + p.rows, 0) + item.rows > this.maxRows) {
        chunk = [];
        chunks.push(chunk);
      }
      chunk.push(item);
    }
    return [...byShape.values()].flat();
  }

  private async runGroup(group: Array<Pending<O>>): Promise<void> {
    if (group.length === 1) return this.runAlone(group[0]!);
    let outputs: O;
    try {
      outputs = await this.runFeeds(concat(group.map((p) => p.feeds)));
    } catch {
      for (const item of group) void this.runAlone(item);
      return;
    }
    const total = group.reduce((n, p) => n + p.rows, 0);
    let offset = 0;
    for (const item of group) {
      item.resolve({ outputs, offset, total });
      offset += item.rows;
    }
  }

  private async runAlone(item: Pending<O>): Promise<void> {
    try {
      item.resolve({ outputs: await this.runFeeds(item.feeds), offset: 0, total: item.rows });
    } catch (error) {
      item.reject(error);
    }
  }
}

function shapeKey(feeds: Feeds): string {
  let key = '';
  for (const name in feeds) key += `${name}:${feeds[name]!.dims.slice(1).join('x')};`;
  return key;
}

function concat(all: Feeds[]): Feeds {
  const merged: Feeds = {};
  for (const name in all[0]!) {
    const parts = all.map((feeds) => feeds[name]!);
    const length = parts.reduce((n, p) => n + p.data.length, 0);
    const first = parts[0]!;
    let data: TensorData;
    if (Array.isArray(first.data)) {
      data = parts.flatMap((p) => p.data as string[]);
    } else {
      const typed = new (first.data.constructor as new (n: number) => Exclude<TensorData, string[]>)(length);
      let at = 0;
      for (const part of parts) {
        typed.set(part.data as never, at);
        at += part.data.length;
      }
      data = typed;
    }
    const rows = parts.reduce((n, p) => n + p.dims[0]!, 0);
    merged[name] = { type: first.type, data, dims: [rows, ...first.dims.slice(1)] };
  }
  return merged;
}
