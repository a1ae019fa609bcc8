import type { AttemptLogEntry } from './types.js';

/** Bounded attempt log (keeps the newest `limit` entries) with live listeners. */
export class AttemptLog {
  private entries: AttemptLogEntry[] = [];
  private readonly listeners = new Set<(e: AttemptLogEntry) => void>();

  constructor(private readonly limit: number) {}

  add(entry: AttemptLogEntry): void {
    if (this.limit > 0) {
      this.entries.push(entry);
      if (this.entries.length >= this.limit * 2) this.entries = this.entries.slice(-this.limit);
    }
    for (const l of this.listeners) l(entry);
  }

  list(): AttemptLogEntry[] {
    return this.entries.slice(-this.limit);
  }

  subscribe(listener: (e: AttemptLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
