import { loadLibrary } from '../strategies/libraryPort.js';
import { deadLetterKeysOf } from './deadLetterKeys.js';
import type { PortInstallation } from './emulatorPort.js';

/** Reads the library's dead-letter listing inside an invocation of `installation`. */
export async function libraryDeadLetterKeys(installation: PortInstallation): Promise<Set<string>> {
  const library = await loadLibrary();
  const records = await installation.run(() => library.deadLetters().list(), { timeoutSeconds: 900 });
  return deadLetterKeysOf(records);
}
