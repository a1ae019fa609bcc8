import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string | undefined;

/**
 * A path for one history's saved emulator state, in one temporary folder per process (removed at
 * exit): a folder per history cost more than the rest of a quiet history's file work.
 */
export function scratchPath(name: string): string {
  if (dir === undefined) {
    const created = mkdtempSync(join(tmpdir(), 'qs-reliability-'));
    dir = created;
    process.once('exit', () => { rmSync(created, { recursive: true, force: true }); });
  }
  return join(dir, name);
}

export function removeScratch(path: string): void {
  rmSync(path, { force: true });
}
