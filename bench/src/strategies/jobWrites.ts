import { hotWrite, syncWrite, type Write } from '../scenarios/writes.js';
import type { JobPayload } from './producerHooks.js';

/** The writes one job invocation asks for, in order (a backfill's come from the site: searchedWrites). */
export function* jobWrites(payload: JobPayload): Generator<Write> {
  if (payload.kind === 'backfill') return;
  if (payload.kind === 'sync') {
    for (let index = 0; index < payload.keys; index += 1) yield syncWrite(index, payload.valueBytes);
    return;
  }
  for (let update = payload.from; update < payload.to; update += 1) yield hotWrite(update, payload.keys);
}
