import { format } from 'node:util';

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

export interface ConsoleCapture {
  readonly lines: string[];
  restore(): void;
}

/** Swallows console output into `lines` until restore(), so tests can search it for leaked values. */
export function captureConsole(): ConsoleCapture {
  const lines: string[] = [];
  const saved = METHODS.map((m) => [m, console[m].bind(console)] as const);
  for (const m of METHODS) {
    console[m] = (...args: unknown[]): void => {
      lines.push(format(...args));
    };
  }
  return {
    lines,
    restore(): void {
      for (const [m, fn] of saved) console[m] = fn;
    },
  };
}

export function linesContaining(lines: readonly string[], needle: string): string[] {
  return lines.filter((line) => line.includes(needle));
}
