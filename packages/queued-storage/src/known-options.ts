import { fail } from './options.js';

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The valid name closest to `name` (case-insensitive edit distance <= 3), if any. */
export function closestName(name: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of valid) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Throws a TypeError naming the first option `factory` does not know (and the closest valid name),
 * so a typo such as `orderd` is not silently ignored.
 */
export function checkKnownOptions(options: object, valid: readonly string[], factory: string): void {
  for (const name of Object.keys(options)) {
    if (valid.includes(name)) continue;
    const hint = closestName(name, valid);
    fail(`${factory}: unknown option ${JSON.stringify(name)}${hint === undefined ? '' : ` (did you mean ${JSON.stringify(hint)}?)`}; valid options: ${valid.join(', ')}`);
  }
}
