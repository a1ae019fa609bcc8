import { invocationStorage, type InvocationContext } from './context.js';

interface HeldCall {
  invocation: number;
  seq: number;
  answer: () => void;
}

/** `inv-<n in base 36>` -> n: invocations are numbered in start order. */
const invocationNumber = (invocationId: string): number => parseInt(invocationId.slice(4), 36);

/**
 * Platform calls held back while external work races (virtual mode). Answered together once that
 * work is done, in invocation order (each invocation's own calls in call order), so the order in
 * which real I/O finished never shows in the platform's state.
 */
export class HeldCalls {
  private readonly calls: HeldCall[] = [];
  private seq = 0;

  get size(): number {
    return this.calls.length;
  }

  /** Holds `call` (a platform call of `ctx`) and settles with its result once answered. */
  hold<T>(ctx: InvocationContext, call: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.calls.push({
        invocation: invocationNumber(ctx.invocationId),
        seq: this.seq++,
        answer: () => {
          invocationStorage.run(ctx, () => {
            call().then(resolve, reject);
          });
        },
      });
    });
  }

  /** Starts every held call, in invocation order. */
  answerAll(): void {
    const calls = this.calls.splice(0).sort((a, b) => a.invocation - b.invocation || a.seq - b.seq);
    for (const call of calls) call.answer();
  }
}
