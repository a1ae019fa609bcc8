import type { CheckResult, Finding } from '../model/check.js';
import type { RunReport } from './runHistory.js';

/** The guarantees a history must keep; an empty list means it kept them all. */
export function violations(report: RunReport): string[] {
  const out: string[] = [];
  const describe = (phase: string, r: CheckResult): void => {
    const why = (f: Finding): string => (f.producerOrder ? ' (lost to an earlier write of the same producer)' : '');
    for (const f of r.lost) out.push(`${phase}: lost write${why(f)} ${f.installation}/${f.key}: holds ${show(f.actual)}, model ${show(f.expected)}`);
    for (const f of r.stale) {
      out.push(`${phase}: stale value${why(f)} ${f.installation}/${f.key}: holds ${show(f.actual)}, model ${show(f.expected)}`);
    }
    for (const u of r.unreadableLost) out.push(`${phase}: unreadable operation (${u.kind}) ${u.installation}/${u.marker} pushed but never dead-lettered`);
    for (const f of r.foreign) out.push(`${phase}: ${f.installation}/${f.key} holds ${show(f.actual)} it never wrote`);
    for (const d of r.unexplained) out.push(`${phase}: dead letter ${d.id} has no reason`);
    for (const d of r.leakyReasons) out.push(`${phase}: dead letter ${d.id}'s reason quotes a stored value or property name`);
  };
  describe('after drain', report.beforeReplay);
  describe('after replaying dead letters', report.afterReplay);
  if (report.badValuesAccepted > 0) out.push(`${report.badValuesAccepted} producer call(s) accepted a value whose JSON is nested deeper than KVS allows (must be a typed error at the call)`);
  for (const e of report.untypedErrors) out.push(`producer threw an untyped error: ${e}`);
  for (const label of report.unhonoured429) out.push(`${label} kept calling at the same instant after a 429`);
  return out;
}

/** Values are shown by marker only: the report itself must not print stored values. */
function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value === undefined) return 'absent';
  if (typeof value === 'object' && value !== null && 'marker' in value) return String((value).marker);
  return typeof value;
}
