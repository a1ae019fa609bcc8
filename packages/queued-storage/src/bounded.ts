/**
 * Sets `key` to `value` as the newest entry of `map` (a Map keeps insertion order), then forgets the
 * oldest entries beyond `max`. The library's in-memory knowledge (versions seen, clocks, refusals,
 * ended lives) is bounded this way: forgetting only ever costs a call, never correctness.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done === true) return;
    map.delete(oldest.value);
  }
}
