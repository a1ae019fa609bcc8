import type { DevSession } from './session.js';
import { DEV_USERS, type DevUser } from './session.js';

const LOG_SHOWN = 200;
const DROPPED_SHOWN = 100;

/** Everything the dashboard shows, but the KVS (paged separately) and never a stored value. */
export function dashboardState(session: DevSession, afterSeq: number) {
  const emu = session.emulator;
  const inspect = emu.inspect();
  const inst = session.installation;
  const lastError = new Map<string, string>();
  for (const entry of session.log) if (entry.eventId !== undefined && entry.error !== undefined) lastError.set(entry.eventId, entry.error);
  return {
    app: { dir: session.appDir, product: session.info.product, generation: session.generation, error: session.lastError },
    clock: { nowMs: emu.now(), virtual: true, autoRun: session.autoRun, running: session.isRunning },
    installations: [{ id: inst.id, product: session.info.product, keys: inst.kvs.entries().length }],
    pages: session.info.pages.map((p) => ({ key: p.key, type: p.type, title: p.title, url: `/ui/${encodeURIComponent(p.key)}/index.html` })),
    users: (Object.keys(DEV_USERS) as DevUser[]).map((id) => ({ id, label: DEV_USERS[id], ...session.accountOf(id) })),
    eventTypes: session.info.eventTypes,
    queues: { queued: inspect.queued, delayed: inspect.delayed, retrying: inspect.retrying, inFlight: inspect.inFlight, dropped: inspect.dropped.length },
    // Bodies hold stored values: the dashboard lists drops without them.
    dropped: inspect.dropped.slice(-DROPPED_SHOWN).reverse().map((d) => ({
      eventId: d.eventId, jobId: d.jobId, functionKey: d.functionKey, kind: d.kind, queueName: d.queueName, attempts: d.attempts, reason: d.reason, atMs: d.atMs,
      error: lastError.get(d.eventId),
    })),
    log: session.log.filter((e) => e.seq > afterSeq).slice(-LOG_SHOWN),
    logSeq: session.log.at(-1)?.seq ?? 0,
    metrics: inst.metrics(),
    quotas: inst.quotaUsage(),
  };
}

/** A page of KVS keys matching `search` (substring), with the size of each value, never the value. */
export function kvsPage(session: DevSession, search: string, offset: number, limit: number) {
  const matching = session.installation.kvs.entries().filter(([key]) => key.toLowerCase().includes(search.toLowerCase())).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    total: matching.length,
    offset,
    items: matching.slice(offset, offset + limit).map(([key, value]) => ({ key, bytes: Buffer.byteLength(JSON.stringify(value)) })),
  };
}
