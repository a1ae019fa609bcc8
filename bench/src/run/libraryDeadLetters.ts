import { loadLibrary } from '../strategies/libraryPort.js';
import type { PortInstallation } from './emulatorPort.js';

export interface DeadLetterSummary {
  records: number;
  /** Keys named by the dead letters' operations. */
  keys: Set<string>;
}

/** Pages through the library's dead-letter listing inside an invocation of `installation`. */
export async function libraryDeadLetters(installation: PortInstallation): Promise<DeadLetterSummary> {
  const library = await loadLibrary();
  return installation.run(
    async () => {
      const summary: DeadLetterSummary = { records: 0, keys: new Set() };
      const dl = library.deadLetters();
      let cursor: string | undefined;
      do {
        const page = await dl.list({ limit: 100, ...(cursor === undefined ? {} : { cursor }) });
        summary.records += page.items.length;
        for (const item of page.items) for (const op of item.ops) summary.keys.add(op.k);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return summary;
    },
    { timeoutSeconds: 900 },
  );
}
