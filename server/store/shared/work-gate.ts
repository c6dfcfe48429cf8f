import { AppError } from '../../errors.js';

/** At most `running` pieces of work at once and `waiting` queued; more are refused with 503. */
export class WorkGate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly running: number, private readonly waiting: number, private readonly busyMessage: string) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) throw new AppError('BUSY', this.busyMessage, 503);
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else this.active++;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
