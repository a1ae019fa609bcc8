/** One generated product event and the record the app is expected to store for it. */
export interface AppCase<R = unknown> { event: Record<string, unknown>; expected: R }

/** What the scenario runner and the shared suites need to know about one Forge app. */
export interface ForgeAppSpec<R = unknown> {
  /** The app's name: the emulator app name and the log prefix `[<name>@<version>]`. */
  name: string;
  /** The product the app is installed in. */
  product: 'jira' | 'confluence';
  /** The product event its trigger subscribes to (`avi:jira:created:issue`). */
  eventType: string;
  /** Prefix of the per-item KVS key (`issue:`); the item's key is `keyPrefix + recordId(record)`. */
  keyPrefix: string;
  recordId: (record: R) => string;
  /** KVS key holding the last created item. */
  mostRecentKey: string;
  /** `count` events, created in order, with the records the app must store. */
  makeCases: (count: number) => Array<AppCase<R>>;
}

/** The KVS key the app must write for `record`. */
export const recordKey = <R>(app: ForgeAppSpec<R>, record: R): string => `${app.keyPrefix}${app.recordId(record)}`;
