import { isDeepStrictEqual } from 'node:util';
import type { IssuedWrite, Stored } from './ops.js';

/**
 * The reference model: a plain map per installation, written in producer order.
 * Accepted writes are certain; a rejected call's writes are "maybe": the library may have pushed
 * part of the call before it failed. A key's allowed final values are therefore the value of its
 * last accepted write plus any rejected write issued after it.
 */
export interface KeyExpectation {
  readonly installation: string;
  readonly key: string;
  /** Final values the key may hold (`undefined` = absent). Never empty. */
  readonly allowed: readonly Stored[];
  /** The last accepted write's outcome, or undefined when no accepted write touched the key. */
  readonly lastAccepted: IssuedWrite | undefined;
  /** Every accepted write to the key, in producer order. */
  readonly accepted: readonly IssuedWrite[];
  /** The writes whose outcome is allowed: the last accepted one and every rejected one after it. */
  readonly candidates: readonly IssuedWrite[];
}

export function outcomeOf(write: IssuedWrite): Stored {
  return write.write.kind === 'set' ? write.write.value : undefined;
}

/** Expectations per installation/key from the writes in producer order (seq ascending). */
export function expectations(writes: readonly IssuedWrite[], initial?: Stored): KeyExpectation[] {
  const byKey = new Map<string, IssuedWrite[]>();
  for (const w of [...writes].sort((a, b) => a.seq - b.seq)) {
    const id = `${w.installation}\u0000${w.write.key}`;
    const list = byKey.get(id) ?? [];
    list.push(w);
    byKey.set(id, list);
  }
  return [...byKey.values()].map((list) => expectationFor(list, initial));
}

function expectationFor(list: readonly IssuedWrite[], initial: Stored): KeyExpectation {
  const first = list[0];
  if (first === undefined) throw new RangeError('expectationFor needs at least one write');
  const accepted = list.filter((w) => w.accepted);
  const lastAccepted = accepted.at(-1);
  const tail = lastAccepted === undefined ? list : list.filter((w) => w.seq > lastAccepted.seq);
  const base = lastAccepted === undefined ? initial : outcomeOf(lastAccepted);
  const allowed = uniqueValues([base, ...tail.map(outcomeOf)]);
  const candidates = lastAccepted === undefined ? tail : [lastAccepted, ...tail];
  return { installation: first.installation, key: first.write.key, allowed, lastAccepted, accepted, candidates };
}

export function uniqueValues(values: readonly Stored[]): Stored[] {
  const out: Stored[] = [];
  for (const v of values) if (!out.some((o) => isDeepStrictEqual(o, v))) out.push(v);
  return out;
}

export function isAllowed(expectation: KeyExpectation, actual: Stored): boolean {
  return expectation.allowed.some((v) => isDeepStrictEqual(v, actual));
}

/** Unordered mode promises only "applied or dead-lettered": the final value is one some write produced. */
export function isSomeWrite(expectation: KeyExpectation, writes: readonly IssuedWrite[], actual: Stored): boolean {
  const candidates = writes
    .filter((w) => w.installation === expectation.installation && w.write.key === expectation.key)
    .map(outcomeOf);
  return candidates.some((v) => isDeepStrictEqual(v, actual));
}
