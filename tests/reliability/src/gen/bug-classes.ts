import { BASELINE_FEATURES, type Features, type History } from './history.js';

/**
 * The bug classes of issue 10, each as the features a generator needs to reach it and the finding
 * that shows it. The shrink CLI draws histories with only those features, so the shrunk history is
 * about one bug; the full generator (ALL_FEATURES) mixes them all.
 */
export interface BugClass {
  readonly name: string;
  readonly what: string;
  readonly features: Features;
  readonly found: (problems: readonly string[], history: History) => boolean;
}

const NONE: Features = BASELINE_FEATURES;
const has = (problems: readonly string[], text: string): boolean => problems.some((p) => p.includes(text));

export const BUG_CLASSES: readonly BugClass[] = [
  {
    name: 'dead-letter-overwrite',
    what: 'permanent failures of one event over several deliveries (no qs-version entity + transient faults): a later dead letter replaces an earlier one',
    features: { ...NONE, missingVersionEntity: 4 },
    found: (p, h) => !h.versionEntity && has(p, 'lost write'),
  },
  {
    name: 'unreadable-raw',
    what: 'raw unreadable operations on the queue are dead-lettered only in the first life of their event',
    features: { ...NONE, rawOps: true },
    found: (p) => has(p, 'unreadable operation'),
  },
  {
    name: 'unreadable-tojson',
    what: 'a value whose toJSON nests too deep is acknowledged, then neither applied nor dead-lettered',
    features: { ...NONE, deepValues: true },
    found: (p) => has(p, 'lost write'),
  },
  {
    name: 'tojson-validation',
    what: 'validation checks the object graph, not the JSON stored: a too-deep toJSON result is accepted instead of a typed error',
    features: { ...NONE, deepValues: true },
    found: (p) => has(p, 'nested deeper than KVS allows'),
  },
  {
    name: 'producer-order',
    what: 'explicit `at` mixed with implicit stamps in one producer (sequential awaits, one batch, same millisecond): an earlier write wins',
    features: { ...NONE, at: true },
    found: (p) => has(p, 'earlier write of the same producer'),
  },
  {
    name: 'reason-leak',
    what: "a dead letter's reason quotes a value's property names (data) instead of positions",
    features: { ...NONE, deepValues: true, rawOps: true },
    found: (p) => has(p, 'quotes a stored value'),
  },
  {
    name: 'unhonoured-429',
    what: 'an event with unreadable or permanently failing operations during a 429 storm: the consumer keeps calling KVS at the instant of a 429 (dead-letter write after a throttled apply)',
    features: { ...NONE, deepValues: true, rawOps: true },
    found: (p) => has(p, 'kept calling at the same instant after a 429'),
  },
  {
    name: 'g1-retention',
    what: 'short retention window, crashes and timeouts: the platform drops an event before its writes (or unreadable operations) are applied or dead-lettered',
    features: NONE,
    found: (p, h) => h.faults.retentionMs !== undefined && (has(p, 'lost write') || has(p, 'never dead-lettered')),
  },
  {
    name: 'retry-cap-drop',
    what: 'a long 429 storm and a push quota of 1-2 events a minute: an event reaches its last delivery with its writes neither applied, dead-lettered nor re-driven, and the platform drops it',
    features: NONE,
    found: (p, h) => h.faults.pushEventsPerMinute !== undefined && h.faults.storms.length > 0 && (has(p, 'lost write') || has(p, 'never dead-lettered')),
  },
];

export function bugClass(name: string): BugClass {
  const found = BUG_CLASSES.find((c) => c.name === name);
  if (found === undefined) throw new TypeError(`unknown bug class ${name}; one of ${BUG_CLASSES.map((c) => c.name).join(', ')}`);
  return found;
}
