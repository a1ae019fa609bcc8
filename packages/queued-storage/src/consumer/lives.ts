import type { EventBody } from '../format.js';
import { setNewest } from '../bounded.js';

/**
 * The lives of events this consumer instance has ended: settled (every operation applied, stale or
 * dead-lettered) or re-driven (everything outstanding pushed again as a successor event).
 *
 * The platform delivers at least once: a duplicate delivery, or a retry after a delivery that ended
 * the life but timed out before the platform heard of it, carries the same body. Handled again, a
 * settled life only costs calls (and duplicate dead letters), but a re-driven one pushes a second
 * successor, and every copy forks again at its next re-drive: with duplicates on half the
 * deliveries a 22-minute storm turned 51 invocations into 1,061 (soak seed 130001388). A delivery
 * of a life this instance ended is acknowledged without work: its operations are settled, or carried
 * by the successor. Memory only (a KVS record would be refused by the very storm that makes events
 * re-drive): another instance, or this one after a restart, handles a duplicate as before, which
 * costs calls and never a write. Bounded: the oldest lives are forgotten first.
 */
export interface EndedLives {
  /** How the life `key` ended in this instance, if it did. */
  get(key: string): LifeEnd | undefined;
  /** The life `key` ended here. */
  end(key: string, how: LifeEnd): void;
}

export type LifeEnd = 'settled' | 'redriven';

/** Lives remembered by default (about 100 bytes each). */
export const ENDED_LIVES_MAX = 10_000;

export function createEndedLives(max = ENDED_LIVES_MAX): EndedLives {
  const ended = new Map<string, LifeEnd>();
  return {
    get: (key) => ended.get(key),
    end(key, how) {
      setNewest(ended, key, how, max);
    },
  };
}

/**
 * One life of one event: the installation, the body's id (a re-drive's successor gets a new one,
 * except a malformed body's carrier, which keeps it), how many re-drives came before this life,
 * and a fingerprint of what it carries (push time, keys and stamps), so that two different events
 * that happen to share an id (a producer given a seeded `random` twice in the same millisecond) are
 * never taken one for the other.
 */
export function lifeKey(installation: string, body: Pick<EventBody, 'id' | 'at' | 'q' | 'ops' | 'u'>, redrives: number): string {
  return `${installation}\u0000${body.id}\u0000${redrives}\u0000${fingerprint(body)}`;
}

/** FNV-1a (32 bits) over the life's push time, first-queued time and every operation's key and stamp. */
function fingerprint(body: Pick<EventBody, 'at' | 'q' | 'ops' | 'u'>): string {
  let h = 0x811c9dc5;
  const mix = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  };
  mix(`${body.at}/${body.q ?? ''}/${body.ops.length}/${body.u?.length ?? 0}`);
  for (const op of body.ops) {
    mix(op.k);
    mix(op.s);
  }
  return (h >>> 0).toString(36);
}
