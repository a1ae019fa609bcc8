/**
 * The library's public API as the bench uses it (CONTRACTS.md section 2), loaded on demand so
 * baseline runs never load the library.
 */
export interface QueuedBatch {
  set(key: string, value: unknown): unknown;
  flush(): Promise<unknown>;
}

export interface LibraryApi {
  createQueuedStorage(options: { queue: string }): { batch(): QueuedBatch };
  createConsumer(options?: object): unknown;
  deadLetters(options?: object): { list(): Promise<unknown> };
}

export async function loadLibrary(): Promise<LibraryApi> {
  return (await import('@forge-queue/queued-storage')) as unknown as LibraryApi;
}
