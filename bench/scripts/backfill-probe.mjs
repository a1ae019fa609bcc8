/* global process, console, URL -- a Node.js script */
// Diagnostic probe of the bench's `backfill` scenario (library side), not part of any test: which
// quota refuses the KVS calls (the emulator's 429 does not say), and where the virtual time of a page
// goes (each platform call's virtual duration, the gaps between page invocations). Run after
// `pnpm turbo build --filter @forge-queue/bench...`:
//   node bench/scripts/backfill-probe.mjs [fixed|sliding] [issues]
// It wraps QuotaMeter.takeKvs and global.__forge_fetch__ of the emulator's built dist/ in place.
const W = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const { seedMathRandom } = await import(`${W}/bench/dist/run/seedMathRandom.js`);
const seed = 1;
seedMathRandom(seed);
const { startEmulator } = await import(`${W}/bench/dist/run/emulatorPort.js`);
const { appDir } = await import(`${W}/bench/dist/strategies/realApp.js`);
const { QuotaMeter } = await import(`${W}/packages/forge-emulator/dist/quota/meter.js`);
const { currentInvocation } = await import(`${W}/packages/forge-emulator/dist/runtime/context.js`);
const window = process.argv[2] ?? 'fixed';
const issues = Number(process.argv[3] ?? 50000);

// 1. Which check of the meter refuses a KVS call.
const refusals = [];
const orig = QuotaMeter.prototype.takeKvs;
QuotaMeter.prototype.takeKvs = function (now, cost) {
  const before = {
    requests: this.requests.usedAt(now), reads: this.reads.usedAt(now), writes: this.writes.usedAt(now), batches: this.batches.usedAt(now),
  };
  const ok = orig.call(this, now, cost);
  if (!ok) {
    const why = [];
    if (!this.requests.fits(now, 1)) why.push(`requests/s ${before.requests}/${this.requests.limit}`);
    if (!this.reads.fits(now, cost.readUnits)) why.push(`read units/min ${before.reads}+${cost.readUnits}/${this.reads.limit}`);
    if (!this.writes.fits(now, cost.writeUnits)) why.push(`write units/min ${before.writes}+${cost.writeUnits}/${this.writes.limit}`);
    if (cost.batch === true && !this.batches.fits(now, 1)) why.push(`batch ops/min ${before.batches}/${this.batches.limit}`);
    if (why.length === 0) why.push(`per-key bytes/s ${JSON.stringify(cost.keyBytes?.slice(0, 2))}`);
    const ctx = currentInvocation();
    refusals.push({ now, fn: ctx?.functionKey, why: why.join(', '), cost: { r: cost.readUnits, w: cost.writeUnits, batch: cost.batch === true } });
  }
  return ok;
};

const emulator = startEmulator({ seed, quotas: { kvsRequestsPerSecond: 1000, kvsReadUnitsPerMinute: 4000, kvsWriteUnitsPerMinute: 4000, kvsKeyWriteBytesPerSecond: 1048576, kvsBatchOperationsPerMinute: 45, pushEventsPerMinute: 500, invocationsPerMinute: 5000 }, quotaWindow: window, siteIssues: issues });
const lines = [];
const realLog = console.log;
console.log = (...a) => { lines.push([emulator.now(), a.join(' ')]); };
// 2. Every platform call of every invocation, with virtual time before and after.
const calls = [];
const f = globalThis.__forge_fetch__;
globalThis.__forge_fetch__ = async (target, path, init) => {
  const ctx = currentInvocation();
  const t0 = emulator.now();
  const res = await f(target, path, init);
  calls.push({ inv: ctx?.invocationId, fn: ctx?.functionKey, type: target.type, path: path.replace(/\/\{.*$/, ''), t0, t1: emulator.now(), status: res?.status });
  return res;
};
const attempts = [];
emulator.onAttempt((e) => attempts.push(e));
const app = await emulator.loadApp(appDir('@forge-queue/jira-app'), { source: 'dist' });
const inst = emulator.install(app, { installationId: `probe-${window}`, product: 'jira' });
const site = emulator.product.site(inst.id);
await emulator.advance(60_000 - (emulator.now() % 60_000));
const t0 = emulator.now();
const answer = await inst.invokeResolver('admin-resolver', 'startBackfill', {}, { accountId: site.admin.accountId, context: { moduleKey: 'queue-admin-page' } });
realLog('start:', JSON.stringify(answer).slice(0, 200));
for (let i = 0; i < 2000; i++) {
  await emulator.advance(1000);
  const s = emulator.inspect();
  if (s.queued + s.delayed + s.retrying + s.inFlight === 0) break;
}
const end = emulator.now();
console.log = realLog;
const rel = (t) => ((t - t0) / 1000).toFixed(3);
const m = inst.metrics();
console.log(`window ${window}, ${issues} issues: drained at ${rel(end)} s (1 s steps); metrics`, JSON.stringify({ invocations: m.invocations, pushes: m.pushes, kvsRequests: m.kvsRequests, r: m.kvsReadUnits, w: m.kvsWriteUnits, rateLimitedByCall: m.rateLimitedByCall, retries: m.retries, gbs: m.gbSeconds }));
console.log(`KVS refusals (${refusals.length}):`);
const byWhy = {};
for (const r of refusals) byWhy[`${r.fn}: ${r.why.replace(/\d+\+?\d*\//, 'N/')}`] = (byWhy[`${r.fn}: ${r.why.replace(/\d+\+?\d*\//, 'N/')}`] ?? 0) + 1;
for (const r of refusals.slice(0, 12)) console.log(`  ${rel(r.now)} s ${r.fn} cost ${JSON.stringify(r.cost)}: ${r.why}`);
console.log('  by quota:', JSON.stringify(byWhy));
// attempts per function
const byFn = {};
for (const a of attempts) { const k = `${a.functionKey}/${a.outcome}`; byFn[k] = (byFn[k] ?? 0) + 1; }
console.log('attempts:', JSON.stringify(byFn));
const bf = attempts.filter((a) => a.functionKey === 'backfill-consumer').sort((a, b) => a.atMs - b.atMs);
const dur = bf.map((a) => a.durationMs);
const gaps = bf.slice(1).map((a, i) => a.atMs - (bf[i].atMs + bf[i].durationMs));
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
console.log(`backfill-consumer attempts ${bf.length}: duration ms p10/p50/p90/max ${q(dur, .1)}/${q(dur, .5)}/${q(dur, .9)}/${Math.max(...dur)}; gap between one attempt's end and the next start p10/p50/p90/max ${q(gaps, .1)}/${q(gaps, .5)}/${q(gaps, .9)}/${Math.max(...gaps)}`);
for (const a of bf.filter((a) => a.outcome !== 'ok').slice(0, 6)) console.log(`  ${rel(a.atMs)} s attempt ${a.attempt} ${a.outcome} ${a.durationMs} ms: ${a.error?.slice(0, 120)}`);
// page invocations per virtual second: bursts
const perSecond = new Map();
for (const a of bf) { const s = Math.floor((a.atMs - t0) / 1000); perSecond.set(s, (perSecond.get(s) ?? 0) + 1); }
console.log('backfill-consumer attempts per virtual second (second: attempts), busy seconds only:', [...perSecond].map(([s, n]) => `${s}: ${n}`).join(', '));
// per call kind: virtual ms spent inside the call, by function
const kinds = {};
for (const c of calls) {
  const k = `${c.fn} ${c.type === 'kvs' ? 'kvs ' + c.path : c.path.startsWith('/webhook/queue') ? 'push' : 'product ' + c.path.split('?')[0]}`;
  const e = kinds[k] ??= { n: 0, ms: 0, max: 0, s429: 0 };
  e.n++; e.ms += c.t1 - c.t0; e.max = Math.max(e.max, c.t1 - c.t0); if (c.status === 429) e.s429++;
}
console.log('platform calls (count, virtual ms inside the call: total / max, 429s):');
for (const [k, e] of Object.entries(kinds).sort()) console.log(`  ${k}: ${e.n}, ${e.ms} / ${e.max} ms, 429 ${e.s429}`);
// one typical page invocation, call by call
const inv = calls.filter((c) => c.fn === 'backfill-consumer');
const firstInv = inv[200]?.inv;
console.log('one page invocation, call by call (ms from its first call):');
const one = inv.filter((c) => c.inv === firstInv);
for (const c of one) console.log(`  +${c.t0 - one[0].t0} .. +${c.t1 - one[0].t0} ${c.type} ${c.path.split('?')[0]} ${c.status}`);
console.log('log lines mentioning backfill:', lines.filter(([, l]) => l.includes('backfill')).slice(0, 4).map(([t, l]) => `${rel(t)} ${l.slice(0, 140)}`));
emulator.dispose();
