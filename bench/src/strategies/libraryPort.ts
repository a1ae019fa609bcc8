/**
 * The library's public API as the bench uses it (packages/queued-storage README, API), loaded on demand so
 * baseline runs never load the library.
 */
export interface QueuedBatch {
  set(key: string, value: unknown): unknown;
  flush(): Promise<unknown>;
}

/** A page of dead letters; each holds the operations (`k` = key) it could not apply. */
export interface DeadLetterPage {
  items: Array<{ id: string; reason: string; ops: Array<{ k: string }> }>;
  nextCursor?: string | undefined;
}

export interface LibraryApi {
  createQueuedStorage(options: { queue: string }): { batch(): QueuedBatch };
  createConsumer(options?: object): unknown;
  deadLetters(options?: object): { list(options?: { limit?: number; cursor?: string }): Promise<DeadLetterPage> };
  /** The `app.storage.entities[]` item ordered mode needs. */
  VERSION_ENTITY_DECLARATION: object;
}

export async function loadLibrary(): Promise<LibraryApi> {
  return await import('@forge-queue/queued-storage');
}
