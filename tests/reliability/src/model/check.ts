import { isDeepStrictEqual } from 'node:util';
import { type KeyExpectation, expectations, isAllowed, isSomeWrite, outcomeOf } from './model.js';
import type { IssuedWrite, PushedUnreadable, Stored } from './ops.js';

/** A dead letter as the checker needs it: which writes of which installation it still holds, and why. */
export interface DeadLetterView {
  readonly installation: string;
  readonly id: string;
  readonly reason: string;
  readonly keys: readonly string[];
  /** Value markers anywhere in the record (its operations' values and any raw operations). */
  readonly markers: readonly string[];
  /** Keys of the delete operations it holds. */
  readonly deletes: readonly string[];
}

export interface Finding {
  readonly installation: string;
  readonly key: string;
  readonly expected: readonly Stored[];
  readonly actual: Stored;
  /** The key holds an earlier write of the producer that issued the newest accepted write. */
  readonly producerOrder: boolean;
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
  /** Unreadable operations acknowledged by the platform that no dead letter holds. */
  readonly unreadableLost: PushedUnreadable[];
  /** Dead letters whose reason or detail quotes a value or one of its property names (data). */
  readonly leakyReasons: DeadLetterView[];
}

export interface CheckInput {
  readonly writes: readonly IssuedWrite[];
  readonly ordered: boolean;
  readonly installations: readonly string[];
  readonly keySpace: readonly string[];
  readonly read: (installation: string, key: string) => Stored;
  readonly deadLetters: readonly DeadLetterView[];
  /** Whether a write's value marker was ever accepted by a KVS write request (it landed at some point). */
  readonly landed: (marker: string) => boolean;
  /** Raw unreadable operations whose push the platform acknowledged. */
  readonly unreadable: readonly PushedUnreadable[];
  /**
   * After replay every accepted write must be applied: dead letters excuse only writes no platform
   * can apply (`permanent`), and unreadable operations are no longer checked (replay drops them).
   */
  readonly afterReplay: boolean;
  /** Every value (and property name) the history writes contains this text; reasons must not. Default 'QSVAL'. */
  readonly valueMarkerPrefix?: string;
}

export function check(input: CheckInput): CheckResult {
  const result: CheckResult = { lost: [], stale: [], unexplained: [], foreign: [], unreadableLost: [], leakyReasons: [] };
  const expected = expectations(input.writes);
  for (const exp of expected) judgeKey(input, exp, result);
  for (const installation of input.installations) {
    for (const key of input.keySpace) {
      if (expected.some((e) => e.installation === installation && e.key === key)) continue;
      const actual = input.read(installation, key);
      if (actual !== undefined) result.foreign.push({ installation, key, expected: [undefined], actual, producerOrder: false });
    }
  }
  result.unexplained.push(...input.deadLetters.filter((d) => d.reason.trim() === ''));
  result.leakyReasons.push(...input.deadLetters.filter((d) => d.reason.includes(input.valueMarkerPrefix ?? 'QSVAL')));
  if (!input.afterReplay) {
    result.unreadableLost.push(
      ...input.unreadable.filter((u) => !input.deadLetters.some((d) => d.installation === u.installation && d.markers.includes(u.marker))),
    );
  }
  return result;
}

/** A dead letter of the write's installation holds this very write (its value's marker, or its delete). */
export function heldByDeadLetter(write: IssuedWrite, deadLetters: readonly DeadLetterView[]): boolean {
  return deadLetters.some(
    (d) =>
      d.installation === write.installation &&
      (write.marker === undefined ? d.deletes.includes(write.write.key) : d.markers.includes(write.marker)),
  );
}

function judgeKey(input: CheckInput, exp: KeyExpectation, result: CheckResult): void {
  const actual = input.read(exp.installation, exp.key);
  const finding: Finding = { installation: exp.installation, key: exp.key, expected: exp.allowed, actual, producerOrder: producerOrderBroken(exp, actual) };
  const excused = exp.candidates.some((w) => (!input.afterReplay || w.permanent) && heldByDeadLetter(w, input.deadLetters));
  if (input.ordered) {
    if (isAllowed(exp, actual) || excused) return;
    if (isOlderAccepted(exp, actual)) result.stale.push(finding);
    else result.lost.push(finding);
    return;
  }
  if (exp.lastAccepted === undefined || excused) return;
  // Unordered mode promises "applied or dead-lettered", not the final value: some allowed write must
  // have landed at some point (deletes leave no marker, so a key whose candidates include one is let be).
  const markers = exp.candidates.map((w) => w.marker);
  const neverLanded = markers.every((m) => m !== undefined && !input.landed(m));
  if (!isSomeWrite(exp, input.writes, actual) || neverLanded) result.lost.push(finding);
}

function isOlderAccepted(exp: KeyExpectation, actual: Stored): boolean {
  return exp.accepted.slice(0, -1).some((w) => isDeepStrictEqual(outcomeOf(w), actual));
}

function producerOrderBroken(exp: KeyExpectation, actual: Stored): boolean {
  const newest = exp.lastAccepted;
  if (newest === undefined) return false;
  return exp.accepted.some(
    (w) => w.seq < newest.seq && w.producer === newest.producer && isDeepStrictEqual(outcomeOf(w), actual) && !isDeepStrictEqual(outcomeOf(newest), actual),
  );
}

export function isClean(result: CheckResult): boolean {
  return (
    result.lost.length + result.stale.length + result.unexplained.length + result.foreign.length + result.unreadableLost.length + result.leakyReasons.length ===
    0
  );
}
