/** Pure seeded draws for the fixture site: the same (seed, n, salt) always gives the same value. */

/** A 32-bit hash of three integers (murmur3 finaliser over a simple mix). */
export function hash32(seed: number, n: number, salt: number): number {
  let h = (seed ^ Math.imul(n, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One item of `list`, picked by the hash. */
export function pick<T>(list: readonly T[], seed: number, n: number, salt: number): T {
  return list[hash32(seed, n, salt) % list.length] as T;
}

/** Jira's timestamp format: `2025-12-31T23:59:00.000+0000`. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
