import type { Failure } from '../classify.js';

/** What happened to each operation (by index) in one apply run. */
export interface ApplyReport {
  /** Written (or deleted). */
  applied: number[];
  /** A newer version is already stored: nothing to do (ordered mode). */
  stale: number[];
  /** Tried and failed; `failure.kind` says whether retrying can help. */
  failed: Array<{ index: number; failure: Failure }>;
  /** Not tried: an earlier call was throttled, or the budget/time ran out. */
  notAttempted: number[];
  calls: { reads: number; writes: number };
  /** Write calls were held back by the caller's pacer (ApplyControl.takeWrite): `notAttempted` waits for units. */
  paced?: boolean | undefined;
  /** The greatest version stamp read from KVS in this run (ordered mode), for the producer's clock. */
  observed?: string | undefined;
}

export function emptyReport(): ApplyReport {
  return { applied: [], stale: [], failed: [], notAttempted: [], calls: { reads: 0, writes: 0 } };
}

export interface ApplyControl {
  /** Most write calls to make (the producer's direct path uses a small budget). Default unlimited. */
  maxWriteCalls?: number | undefined;
  /** Checked before each call; true stops the run (e.g. the invocation is nearly out of time). */
  shouldStop?: (() => boolean) | undefined;
  /**
   * Before each write call, with the 10 KB units it will be billed: false holds it back (the pacer
   * expects a refusal, or the units are promised to waiting work); the run stops there.
   */
  takeWrite?: ((units: number) => boolean) | undefined;
  /** After every write call KVS accepted (the pacer counts what was spent). */
  onWritten?: ((units: number) => void) | undefined;
  /** After a write call KVS refused with 429 (the pacer learns the quota is spent). */
  onRefused?: (() => void) | undefined;
}

/** Shared stop logic: once throttled or out of budget, every later group is left untried. */
export class RunState {
  stopped = false;
  constructor(
    readonly report: ApplyReport,
    private readonly control: ApplyControl,
  ) {}

  canCall(): boolean {
    if (this.stopped) return false;
    if (this.control.maxWriteCalls !== undefined && this.report.calls.writes >= this.control.maxWriteCalls) return false;
    if (this.control.shouldStop?.() === true) return false;
    return true;
  }

  /** Whether a write call of `units` may start now (see ApplyControl.takeWrite). */
  mayWrite(units: number): boolean {
    if (this.control.takeWrite === undefined || this.control.takeWrite(units)) return true;
    this.stopped = true;
    this.report.paced = true;
    return false;
  }

  written(units: number): void {
    this.control.onWritten?.(units);
  }

  fail(indexes: readonly number[], failure: Failure): void {
    if (failure.kind === 'rate-limited') this.control.onRefused?.();
    for (const index of indexes) this.report.failed.push({ index, failure });
    if (failure.kind === 'rate-limited' || failure.kind === 'transient') this.stopped = true;
  }
}
