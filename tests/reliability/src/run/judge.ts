import type { History } from '../gen/history.js';
import { captureConsole, linesContaining } from './console.js';
import { type RunOptions, type RunReport, runHistory } from './runHistory.js';
import { VALUE_MARKER_PREFIX } from './values.js';
import { violations } from './verdict.js';

export interface Judged {
  readonly report: RunReport;
  /** Console lines that printed a stored value. */
  readonly leakedLines: number;
  /** Every broken guarantee, one line each (empty = the history kept them all). */
  readonly problems: string[];
}

/** Runs one history with the console captured and judges it. */
export async function runAndJudge(history: History, options: RunOptions = {}): Promise<Judged> {
  const capture = captureConsole();
  try {
    const report = await runHistory(history, options);
    const leakedLines = linesContaining(capture.lines, VALUE_MARKER_PREFIX).length;
    const problems = violations(report);
    if (leakedLines > 0) problems.push(`console printed stored values: ${leakedLines} line(s)`);
    return { report, leakedLines, problems };
  } finally {
    capture.restore();
  }
}
