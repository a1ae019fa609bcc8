import { seededRandom } from '@forge-queue/queued-storage/testing';

/**
 * Replaces Math.random in this process with a seeded source. The apps and the library default to
 * Math.random for jitter and ids; seeding it here makes a run's figures repeat for a given seed
 * (same uniform distribution, so behaviour is unchanged). Returns a function that restores it.
 */
export function seedMathRandom(seed: number): () => void {
  const original = Math.random;
  Math.random = seededRandom(seed * 2_654_435_761 + 97);
  return () => {
    Math.random = original;
  };
}
