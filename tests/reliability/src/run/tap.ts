import { AsyncLocalStorage } from 'node:async_hooks';
import { quotasSpent, type QuotaKind } from './quotas.js';

/**
 * A tap on `global.__forge_fetch__`, the one door both SDKs use to reach the platform. It records
 * every request with its answer, and injects the one fault the emulator has no option for: a
 * consumer that crashes mid-batch (after k KVS writes its remaining requests never answer, so the
 * platform's timeout ends the invocation, as when a container is killed).
 */
export interface TapInvocation {
  readonly label: string;
  /** Hang every request after this many KVS writes (undefined = never). */
  readonly crashAfterWrites: number | undefined;
  writes: number;
  crashed: boolean;
  /** Per quota: when the last 429 it refused came, and requests spending it sent at that instant since. */
  lastRefusedAt: Partial<Record<QuotaKind, number>>;
  immediateAfter429: Partial<Record<QuotaKind, number>>;
}

export interface TapStats {
  /** Value markers carried by KVS write requests the platform accepted (a value that landed at some point). */
  written: Set<string>;
  requests: number;
  rateLimited: number;
  crashes: number;
  /**
   * Invocations that, after a 429 refused by quota Q, sent two or more requests spending Q at the same
   * clock reading (one is tolerated: a 429 does not name its quota, so a read refused by a storm may be
   * followed by one write to learn whether writes pass). Labelled `consumer#n (Q)`; see quotas.ts.
   */
  unhonoured429: string[];
}

type ForgeFetch = (provider: unknown, path: string, init?: { body?: unknown }) => Promise<Response>;
interface ForgeGlobal {
  __forge_fetch__?: ForgeFetch;
}

/** Names the quotas that refused a request answered 429 at `now` (the runner knows storms and quota use). */
export type RefusalClassifier = (path: string, now: number) => QuotaKind[];

const WRITE_PATHS = ['/api/v1/set', '/api/v1/delete', '/api/v1/batch/set', '/api/v1/batch/delete', '/api/v1/transaction'];

const MARKER = /QSVAL-[A-Za-z0-9-]+/g;
function markersIn(body: unknown): string[] {
  return typeof body === 'string' ? (body.match(MARKER) ?? []) : [];
}

/**
 * One storage for every tap of the process: each enabled AsyncLocalStorage adds work to every
 * promise created afterwards, so one per history made a long soak slower and slower.
 */
const current = new AsyncLocalStorage<{ readonly owner: object; readonly inv: TapInvocation }>();

export function createTap(now: () => number, refusedBy: RefusalClassifier) {
  const owner = {};
  const stats: TapStats = { written: new Set(), requests: 0, rateLimited: 0, crashes: 0, unhonoured429: [] };
  const g = globalThis as ForgeGlobal;
  let installedOver: ForgeFetch | undefined;

  const wrap = (inner: ForgeFetch): ForgeFetch =>
    async (provider, path, init) => {
      const store = current.getStore();
      const inv = store?.owner === owner ? store.inv : undefined;
      stats.requests += 1;
      if (inv !== undefined) {
        if (inv.crashAfterWrites !== undefined && inv.writes >= inv.crashAfterWrites) {
          if (!inv.crashed) stats.crashes += 1;
          inv.crashed = true;
          return new Promise<Response>(() => undefined);
        }
        for (const q of quotasSpent(path)) {
          if (inv.lastRefusedAt[q] !== now()) continue;
          const n = (inv.immediateAfter429[q] ?? 0) + 1;
          inv.immediateAfter429[q] = n;
          if (n === 2) stats.unhonoured429.push(`${inv.label} (${q})`);
        }
      }
      const response = await inner(provider, path, init);
      if (WRITE_PATHS.includes(path) && response.ok) {
        if (inv !== undefined) inv.writes += 1;
        for (const marker of markersIn(init?.body)) stats.written.add(marker);
      }
      if (response.status === 429) {
        stats.rateLimited += 1;
        if (inv !== undefined) {
          for (const q of refusedBy(path, now())) {
            // A 429 at a new instant starts a new count: waiting before the next call honours the previous one.
            if (inv.lastRefusedAt[q] !== now()) inv.immediateAfter429[q] = 0;
            inv.lastRefusedAt[q] = now();
          }
        }
      }
      return response;
    };

  return {
    stats,
    /** (Re)install the tap over whatever fetch the active emulator installed. */
    install(): void {
      const inner = g.__forge_fetch__;
      if (inner === undefined) throw new Error('no __forge_fetch__ installed: create the emulator first');
      if (inner === installedOver) return;
      installedOver = wrap(inner);
      g.__forge_fetch__ = installedOver;
    },
    run<T>(label: string, crashAfterWrites: number | undefined, fn: () => T): T {
      const inv: TapInvocation = {
        label,
        crashAfterWrites,
        writes: 0,
        crashed: false,
        lastRefusedAt: {},
        immediateAfter429: {},
      };
      return current.run({ owner, inv }, fn);
    },
  };
}

export type Tap = ReturnType<typeof createTap>;
