import { HttpError } from './errors.js';

/**
 * Bounds the work the server accepts: at most `concurrency` predictions run at once and at most `queue`
 * wait for a slot. Anything beyond is refused at once with 503 + Retry-After, so an overloaded instance
 * sheds load instead of queueing without limit (and SageMaker / the client can retry elsewhere).
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private head = 0;

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
    private readonly retryAfterSeconds = 1,
  ) {}

  get inFlight(): number {
    return this.active + this.waiting.length - this.head;
  }

  /**
   * Takes a slot: returns undefined when one was free, a promise that resolves once a slot passes to this
   * caller when it must queue, and throws a 503 HttpError when the queue is full. Pair with `release()`.
   */
  acquire(): Promise<void> | undefined {
    if (this.active < this.concurrency) {
      this.active++;
      return undefined;
    }
    if (this.waiting.length - this.head >= this.queue) {
      throw new HttpError(503, 'OVERLOADED', 'the server is at capacity; retry shortly', {
        'retry-after': String(this.retryAfterSeconds),
      });
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head]!;
      this.head++;
      if (this.head === this.waiting.length) {
        this.waiting.length = 0;
        this.head = 0;
      } else if (this.head > 1024) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      next(); // the slot passes straight to the next waiter, `active` is unchanged
    } else {
      this.active--;
    }
  }
}
