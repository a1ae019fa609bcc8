import { jitteredDelayMs, type BackoffPolicy } from '../backoff.js';
import { classifyFailure, isRetryable } from '../classify.js';
import { DeadLetterWriteError } from '../errors.js';
import type { KvsPort } from '../ports.js';
import type { RandomSource } from '../random.js';
import { deadLetterKey, type DeadLetter } from './record.js';

export interface WriteRun {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: RandomSource;
  policy: BackoffPolicy;
  deadline: number;
}

/** Stores a dead letter, retrying throttling and server errors until the deadline. */
export async function writeDeadLetter(kvs: KvsPort, record: DeadLetter, run: WriteRun): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await kvs.set(deadLetterKey(record.id), record);
      return;
    } catch (error) {
      const failure = classifyFailure(error);
      const delay = jitteredDelayMs(run.policy, { attempt }, run.random);
      if (!isRetryable(failure) || run.now() + delay > run.deadline) {
        throw new DeadLetterWriteError(`could not store dead letter ${record.id} (${failure.code})`, error);
      }
      await run.sleep(delay);
    }
  }
}
