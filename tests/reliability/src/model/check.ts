import { isDeepStrictEqual } from 'node:util';
import { type KeyExpectation, expectations, isAllowed, isSomeWrite, outcomeOf } from './model.js';
import type { IssuedWrite, Stored } from './ops.js';

/** A dead letter as the checker needs it: which keys of which installation it still holds, and why. */
export interface DeadLetterView {
  readonly installation: string;
  readonly id: string;
  readonly reason: string;
  readonly keys: readonly string[];
}

export interface Finding {
  readonly installation: string;
  readonly key: string;
  readonly expected: readonly Stored[];
  readonly actual: Stored;
}

export interface CheckResult {
  /** An accepted write neither applied nor dead-lettered (and not superseded). */
  readonly lost: Finding[];
  /** Ordered mode: the key holds an older accepted write's value than the model's. */
  readonly stale: Finding[];
  /** Dead letters with an empty or missing reason. */
  readonly unexplained: DeadLetterView[];
  /** Keys of the key space an installation holds that it never wrote (cross-installation leak). */
  readonly foreign: Finding[];
}

export interface CheckInput {
  readonly writes: readonly IssuedWrite[];
  readonly ordered: boolean;
  readonly installations: readonly string[];
  readonly keySpace: readonly string[];
  readonly read: (installation: string, key: string) => Stored;
  readonly deadLetters: readonly DeadLetterView[];
  /** After replay every accepted write must be applied: dead letters no longer excuse a difference. */
  readonly afterReplay: boolean;
}

export function check(input: CheckInput): CheckResult {
  const result: CheckResult = { lost: [], stale: [], unexplained: [], foreign: [] };
  const expected = expectations(input.writes);
  for (const exp of expected) judgeKey(input, exp, result);
  for (const installation of input.installations) {
    for (const key of input.keySpace) {
      if (expected.some((e) => e.installation === installation && e.key === key)) continue;
      const actual = input.read(installation, key);
      if (actual !== undefined) result.foreign.push({ installation, key, expected: [undefined], actual });
    }
  }
  result.unexplained.push(...input.deadLetters.filter((d) => d.reason.trim() === ''));
  return result;
}

function judgeKey(input: CheckInput, exp: KeyExpectation, result: CheckResult): void {
  const actual = input.read(exp.installation, exp.key);
  const finding: Finding = { installation: exp.installation, key: exp.key, expected: exp.allowed, actual };
  const excused =
    !input.afterReplay &&
    input.deadLetters.some((d) => d.installation === exp.installation && d.keys.includes(exp.key));
  if (input.ordered) {
    if (isAllowed(exp, actual) || excused) return;
    if (isOlderAccepted(exp, actual)) result.stale.push(finding);
    else result.lost.push(finding);
    return;
  }
  if (exp.lastAccepted === undefined) return;
  if (isSomeWrite(exp, input.writes, actual) || excused) return;
  result.lost.push(finding);
}

function isOlderAccepted(exp: KeyExpectation, actual: Stored): boolean {
  return exp.accepted.slice(0, -1).some((w) => isDeepStrictEqual(outcomeOf(w), actual));
}

export function isClean(result: CheckResult): boolean {
  return result.lost.length + result.stale.length + result.unexplained.length + result.foreign.length === 0;
}
