/** `[#####-----]  50%` for a fraction in 0..1 (clamped). */
export function progressBar(fraction: number, width = 30): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(clamped * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(clamped * 100)).padStart(3)}%`;
}

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Progress on a terminal: one bar line, redrawn at most every `ttyIntervalMs`. Elsewhere (CI,
 * pipes): a plain line at most every `intervalMs` of wall time, so logs stay short.
 */
export class Progress {
  readonly #stream: ProgressStream;
  readonly #intervalMs: number;
  readonly #ttyIntervalMs: number;
  readonly #now: () => number;
  #lastLine = -Infinity;

  constructor(stream: ProgressStream, options: { intervalMs?: number; ttyIntervalMs?: number; now?: () => number } = {}) {
    this.#stream = stream;
    this.#intervalMs = options.intervalMs ?? 2000;
    this.#ttyIntervalMs = options.ttyIntervalMs ?? 100;
    this.#now = options.now ?? Date.now;
  }

  update(fraction: number, detail: string): void {
    const tty = this.#stream.isTTY === true;
    const now = this.#now();
    if (now - this.#lastLine < (tty ? this.#ttyIntervalMs : this.#intervalMs)) return;
    this.#lastLine = now;
    if (tty) {
      this.#stream.write(`\r${progressBar(fraction)} ${detail}\u001b[K`);
      return;
    }
    this.#stream.write(`progress ${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}% ${detail}\n`);
  }

  done(detail: string): void {
    this.#stream.write(this.#stream.isTTY === true ? `\r${progressBar(1)} ${detail}\u001b[K\n` : `progress 100% ${detail}\n`);
  }
}
