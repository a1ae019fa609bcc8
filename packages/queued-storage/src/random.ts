/** A source of uniform numbers in [0, 1). Inject a seeded one in tests. */
export type RandomSource = () => number;

export const defaultRandom: RandomSource = () => Math.random();

/** Deterministic PRNG (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): RandomSource {
  if (!Number.isInteger(seed)) throw new TypeError(`[queued-storage] seed must be an integer, got ${String(seed)}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random base-36 string of `length` characters from `random`. */
export function randomId(random: RandomSource, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 36).toString(36);
  return out;
}
