/** Seeded pseudo-random source (mulberry32): every random choice of the emulator comes from it. */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** RFC 4122 version-4 shaped id made from the seed. */
  uuid(): string;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number): string => Math.floor(next() * 16 ** n).toString(16).padStart(n, '0');
  return {
    next,
    chance: (p) => p > 0 && next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`,
  };
}

/** Seed of one invocation's random source: FNV-1a of the emulator seed and the invocation id. */
export function invocationSeed(seed: number, invocationId: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < invocationId.length; i++) h = Math.imul(h ^ invocationId.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
