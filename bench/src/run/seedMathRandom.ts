/**
 * A seedable Math.random for this process. Importing this module replaces Math.random with a
 * function that draws from the current source, so code that keeps a reference to Math.random taken
 * at its own import follows seedMathRandom() too: import it before anything that may take that
 * reference. Until seeded it draws from the real one. (It imports nothing, not even the library's
 * `seededRandom`, whose generator it repeats: a dependency would be evaluated before this module's
 * body, and baseline runs never load the library.)
 */
const realRandom = Math.random;
let source: () => number = realRandom;
Math.random = () => source();

/** mulberry32, the generator of the library's seededRandom (same sequence for the same seed). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeds Math.random in this process (same uniform distribution, so behaviour is unchanged); a run's
 * figures then repeat for a given seed. Returns a function that goes back to the real source.
 */
export function seedMathRandom(seed: number): () => void {
  source = mulberry32(seed * 2_654_435_761 + 97);
  return () => {
    source = realRandom;
  };
}
