import { DeadLetterWriteError } from '../errors.js';
import { classifyFailure } from '../classify.js';
import type { KvsPort } from '../ports.js';
import { withRetry, type RetryRun } from '../retry.js';
import { deadLetterKey, type DeadLetter } from './record.js';

/** Stores a dead letter, retrying throttling and server errors until the deadline. */
export async function writeDeadLetter(kvs: KvsPort, record: DeadLetter, run: RetryRun): Promise<void> {
  try {
    await withRetry(() => kvs.set(deadLetterKey(record.id), record), run);
  } catch (error) {
    throw new DeadLetterWriteError(`could not store dead letter ${record.id} (${classifyFailure(error).code})`, error);
  }
}
