/**
 * Keys named by dead-letter records, whatever their exact shape: a record's own `key`, or the
 * `key` of each entry in an array field (`writes`, `ops`, `entries`, ...).
 */
export function deadLetterKeysOf(records: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.key === 'string') keys.add(record.key);
    for (const field of Object.values(record)) if (typeof field === 'object') visit(field, depth + 1);
  };
  visit(records, 0);
  return keys;
}
