import { format } from 'node:util';

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Captures console output (the apps log one line per event) so progress and tables stay
 * readable. `text()` returns what was captured; `restore()` puts the console back.
 */
export function captureConsole(): { lines(): number; text(): string; restore(): void } {
  const originals = METHODS.map((method) => [method, console[method].bind(console)] as const);
  const captured: string[] = [];
  for (const method of METHODS) {
    console[method] = (...args: unknown[]): void => {
      captured.push(format(...args));
    };
  }
  return {
    lines: () => captured.length,
    text: () => (captured.length === 0 ? '' : `${captured.join('\n')}\n`),
    restore: () => {
      for (const [method, original] of originals) console[method] = original;
    },
  };
}
