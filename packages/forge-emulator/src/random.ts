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
  // Each part is floor(next() * 16^digits) in zero-padded hex, spelled through byte tables (uuid()
  // is called for every event and SDK request: toString(16) + padStart was a tenth of a bench run).
  const hex3 = (): string => {
    const v = Math.floor(next() * 0x1000);
    return HEX_DIGIT.charAt(v >>> 8) + byte(v & 255);
  };
  const hex4 = (): string => {
    const v = Math.floor(next() * 0x10000);
    return byte(v >>> 8) + byte(v & 255);
  };
  const hex6 = (): string => {
    const v = Math.floor(next() * 0x1000000);
    return byte(v >>> 16) + byte((v >>> 8) & 255) + byte(v & 255);
  };
  const hex8 = (): string => {
    const v = Math.floor(next() * 0x100000000);
    return byte(v >>> 24) + byte((v >>> 16) & 255) + byte((v >>> 8) & 255) + byte(v & 255);
  };
  return {
    next,
    chance: (p) => p > 0 && next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uuid: () => {
      const a = hex8();
      const b = hex4();
      const c = hex3();
      const variant = VARIANT.charAt(Math.floor(next() * 4));
      const d = hex3();
      return `${a}-${b}-4${c}-${variant}${d}-${hex6()}${hex6()}`;
    },
  };
}

const HEX_DIGIT = '0123456789abcdef';
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const VARIANT = '89ab';
const byte = (value: number): string => HEX_BYTE[value] ?? '';

/** Seed of one invocation's random source: FNV-1a of the emulator seed and the invocation id. */
export function invocationSeed(seed: number, invocationId: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < invocationId.length; i++) h = Math.imul(h ^ invocationId.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
