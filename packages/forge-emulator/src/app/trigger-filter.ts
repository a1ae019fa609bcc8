import { ManifestError } from '../errors.js';
import { evaluate } from './filter-eval.js';
import { parseFilterExpression, type Expr } from './filter-expression.js';

/** `filter.onError` of a trigger (manifest schema `ProductEventsFilter`); default IGNORE_AND_LOG. */
export type FilterOnError = 'IGNORE' | 'IGNORE_AND_LOG' | 'RECEIVE' | 'RECEIVE_AND_LOG';
const ON_ERROR = new Set<string>(['IGNORE', 'IGNORE_AND_LOG', 'RECEIVE', 'RECEIVE_AND_LOG']);

export interface TriggerFilter {
  ignoreSelf: boolean;
  expression: { source: string; ast: Expr } | undefined;
  onError: FilterOnError;
}

/** What the platform does with one event for one trigger. */
export interface FilterVerdict {
  deliver: boolean;
  /** Set when the platform publishes a log line (an `onError` ending in `_AND_LOG`). */
  log?: string;
}

type Raw = Record<string, unknown>;

/** Reads a `filter` object; `where` names the trigger in errors. */
export function parseTriggerFilter(raw: unknown, where: string): TriggerFilter | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) throw new ManifestError(`${where}: filter must be an object`);
  const f = raw as Raw;
  const unknown = Object.keys(f).filter((k) => !['ignoreSelf', 'expression', 'onError', 'appIsLicensed'].includes(k));
  if (unknown.length > 0) throw new ManifestError(`${where}: filter has unknown properties ${unknown.join(', ')}`);
  if (f.ignoreSelf !== undefined && typeof f.ignoreSelf !== 'boolean') throw new ManifestError(`${where}: filter.ignoreSelf must be a boolean`);
  if (f.expression !== undefined && typeof f.expression !== 'string') throw new ManifestError(`${where}: filter.expression must be a string`);
  if (f.onError !== undefined && (typeof f.onError !== 'string' || !ON_ERROR.has(f.onError))) throw new ManifestError(`${where}: filter.onError must be one of ${[...ON_ERROR].join(', ')}`);
  if (f.onError !== undefined && f.expression === undefined) throw new ManifestError(`${where}: filter.onError can be used only with filter.expression`);
  let expression: TriggerFilter['expression'];
  if (typeof f.expression === 'string') {
    try {
      expression = { source: f.expression, ast: parseFilterExpression(f.expression) };
    } catch (cause) {
      throw new ManifestError(`${where}: filter.expression '${f.expression}' uses syntax the emulator does not evaluate (${(cause as Error).message}); see DIFFERENCES.md, "Modules, triggers and runtime"`, { cause });
    }
  }
  return { ignoreSelf: f.ignoreSelf === true, expression, onError: (f.onError as FilterOnError | undefined) ?? 'IGNORE_AND_LOG' };
}

/**
 * Pure policy. `ignoreSelf` drops Jira events the app caused (`selfGenerated: true`; Forge applies it to
 * Jira events only). `expression` is evaluated with `event` bound to the event: `true` delivers,
 * `false` filters out; an evaluation error or a non-boolean result follows `onError`.
 */
export function applyTriggerFilter(filter: TriggerFilter | undefined, event: Raw): FilterVerdict {
  if (filter === undefined) return { deliver: true };
  const eventType = typeof event.eventType === 'string' ? event.eventType : '';
  if (filter.ignoreSelf && eventType.startsWith('avi:jira:') && event.selfGenerated === true) return { deliver: false };
  if (filter.expression === undefined) return { deliver: true };
  let problem: string;
  try {
    const result = evaluate(filter.expression.ast, { event });
    if (typeof result === 'boolean') return { deliver: result };
    problem = `evaluated to ${JSON.stringify(result)}, not a boolean`;
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
  }
  const deliver = filter.onError === 'RECEIVE' || filter.onError === 'RECEIVE_AND_LOG';
  const log = filter.onError.endsWith('_AND_LOG') ? `filter expression '${filter.expression.source}' failed on ${eventType}: ${problem}` : undefined;
  return log === undefined ? { deliver } : { deliver, log };
}
