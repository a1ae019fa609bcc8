import { VIRTUAL_EPOCH_MS, type DroppedEvent, type Emulator, type Installation } from '@forge-queue/forge-emulator';
import { type FaultPlan, faultKinds, quietPlan } from '../gen/faults.js';
import type { ConsumerForm, History } from '../gen/history.js';
import { KEY_SPACE } from '../gen/history.js';
import { type CheckResult, type DeadLetterView, type Finding, check } from '../model/check.js';
import type { IssuedWrite, PushedUnreadable } from '../model/ops.js';
import { emulatorFor, manifestFor } from './emulator.js';
import { QUEUE, consumerHandler, listDeadLetters, replayDeadLetter } from './library.js';
import { isTypedError, markerOf, runStep } from './step.js';
import { type RefusalClassifier, type Tap, createTap } from './tap.js';
import { invocationInstallationId, refusedQuotas } from './quotas.js';
import { removeScratch, scratchPath } from './scratch.js';
import { createValueStamper } from './values.js';

export interface RunReport {
  readonly operations: number;
  readonly faults: number;
  /** Faults switched on, by kind, including the history's own (unreadable operations, missing version entity). */
  readonly faultKinds: Record<string, number>;
  readonly rejected: number;
  /** Producer calls that threw something other than the library's typed errors. */
  readonly untypedErrors: string[];
  readonly deadLettered: number;
  readonly beforeReplay: CheckResult;
  readonly afterReplay: CheckResult;
  readonly unhonoured429: string[];
  readonly crashes: number;
  /** Events the platform dropped (retry cap or retention), by reason: the library should never let this happen to a write. */
  readonly dropped: Record<string, number>;
  /** The writes inside those dropped events (installation, key, value marker or delete). */
  readonly droppedWrites: DroppedWrite[];
  /** Raw unreadable operations whose push the platform acknowledged. */
  readonly unreadable: number;
  /** Producer calls that resolved with a value whose JSON breaks a KVS rule (should be a typed error). */
  readonly badValuesAccepted: number;
  /** Consumer invocations until the drain (every boot; the replay of dead letters not counted): forks show here. */
  readonly consumerInvocations: number;
}

export interface DroppedWrite {
  readonly installation: string;
  readonly key: string;
  readonly marker: string | undefined;
  readonly del: boolean;
}

interface World {
  emulator: Emulator;
  installations: Installation[];
}

const MAX_DRAIN_MS = 7 * 24 * 3_600_000;

let runCounter = 0;

export type ConsumerFactory = (options: { ordered: boolean; seed?: number; form?: ConsumerForm }) => (event: unknown, context: unknown) => Promise<unknown>;

export interface RunOptions {
  /** Tag inside every value marker (defaults to 'h'). */
  readonly tag?: string;
  /** Replaces the library's consumer: used to prove the checks catch a broken one. */
  readonly consumer?: ConsumerFactory;
}

export async function runHistory(history: History, runOptions: RunOptions = {}): Promise<RunReport> {
  const tag = runOptions.tag ?? 'h';
  const makeConsumer = runOptions.consumer ?? consumerHandler;
  // A replacement consumer (the checks' broken ones) is written in the modern form.
  const form: ConsumerForm = runOptions.consumer === undefined ? (history.consumerForm ?? 'modern') : 'modern';
  const stamper = createValueStamper(tag);
  const options = { ordered: history.ordered, direct: history.direct, versionEntity: history.versionEntity };
  // Unique installation ids: the library keeps per-installation state (direct-path cooldown) in module scope.
  const idPrefix = `${tag}-${(runCounter += 1).toString(36)}`;
  const persistPath = scratchPath(`${idPrefix}.json`);
  let world: World | undefined;
  try {
    // Which quota refused each 429: the plan's storms, else the refusing installation's quota use.
    const refusals = (storms: FaultPlan['storms']): RefusalClassifier => (path, now) => {
      const id = invocationInstallationId();
      return refusedQuotas(path, now, { storms, usage: world?.installations.find((i) => i.id === id)?.quotaUsage() });
    };
    let tap = createTap(() => Date.now(), refusals(history.faults.storms));
    // What every boot of this history's emulator shares; only the fault plan and the tap change.
    const setup: Setup = { history, persistPath, makeConsumer, form, idPrefix, usage: { consumerInvocations: 0 } };
    world = boot(setup, history.faults, tap);
    const writes: IssuedWrite[] = [];
    const unreadable: PushedUnreadable[] = [];
    const untypedErrors: string[] = [];
    let rejected = 0;
    let badValuesAccepted = 0;
    const dropped: DroppedEvent[] = [];
    const written = new Set<string>();
    // A restart replaces the tap: what the earlier taps saw is carried over here.
    let crashes = 0;
    const unhonoured429: string[] = [];
    const carryOver = (t: Tap): void => {
      for (const m of t.stats.written) written.add(m);
      crashes += t.stats.crashes;
      unhonoured429.push(...t.stats.unhonoured429);
    };
    for (const [index, step] of history.steps.entries()) {
      await world.emulator.advance(step.gapMs);
      const installation = world.installations[step.installation];
      if (installation === undefined) throw new RangeError(`no installation ${step.installation}`);
      const seed = history.faults.seed + 7919 * (index + 1);
      const result = await runStep(step, index, installation, { ...options, seed, stamper, tap });
      for (const w of result.writes) writes.push({ ...w, seq: writes.length });
      unreadable.push(...result.unreadable);
      rejected += result.rejected;
      badValuesAccepted += result.badValuesAccepted;
      untypedErrors.push(...result.untypedErrors);
      if (history.faults.restartAfterStep === index) {
        await drain(world, history.faults);
        collectDropped(world, dropped);
        carryOver(tap);
        world = await restart(world, setup, history.faults, (tap = createTap(() => Date.now(), refusals(history.faults.storms))));
      }
    }
    await drain(world, history.faults);
    collectDropped(world, dropped);
    carryOver(tap);
    const consumerInvocations = setup.usage.consumerInvocations;
    const ids = world.installations.map((i) => i.id);
    const dead = await deadLettersOf(world);
    const judge = (w: World, deadLetters: DeadLetterView[], afterReplay: boolean): CheckResult =>
      check({
        writes,
        ordered: history.ordered,
        installations: ids,
        keySpace: KEY_SPACE,
        read: (id, key) => w.installations.find((i) => i.id === id)?.kvs.get(key),
        deadLetters,
        landed: (marker) => written.has(marker),
        unreadable,
        afterReplay,
      });
    const beforeReplay = reclassify(judge(world, dead, false), written);
    let afterReplay = beforeReplay;
    if (dead.length > 0) {
      const replayTap = createTap(() => Date.now(), refusals([]));
      world = await restart(world, setup, quietPlan(history.faults.seed), replayTap);
      for (const d of dead) {
        const inst = world.installations.find((i) => i.id === d.installation);
        try {
          await inst?.run(() => replayDeadLetter(d.id));
        } catch (error) {
          // A record holding only unreadable operations is not replayable (a typed refusal).
          if (!isTypedError(error)) untypedErrors.push(`replay: ${error instanceof Error ? error.name : typeof error}`);
        }
      }
      await world.emulator.runUntilIdle({ maxVirtualMs: MAX_DRAIN_MS });
      carryOver(replayTap);
      afterReplay = reclassify(judge(world, await deadLettersOf(world), true), written);
    }
    const kinds = { ...faultKinds(history.faults) };
    const addKind = (kind: string, n: number): void => {
      if (n > 0) kinds[kind] = (kinds[kind] ?? 0) + n;
    };
    addKind('unreadable operation pushed', unreadable.length);
    addKind('toJSON nested too deep', writes.filter((w) => w.permanent && w.marker !== undefined && !(history.ordered && !history.versionEntity)).length);
    addKind('no version entity (ordered)', history.ordered && !history.versionEntity ? 1 : 0);
    addKind('resolver consumer form (v1)', form === 'resolver' ? 1 : 0);
    return {
      operations: writes.length,
      faults: Object.values(kinds).reduce((a, b) => a + b, 0),
      faultKinds: kinds,
      rejected,
      untypedErrors,
      deadLettered: dead.length,
      beforeReplay,
      afterReplay,
      unhonoured429,
      crashes,
      dropped: countBy(dropped.map((d) => d.reason)),
      droppedWrites: dropped.flatMap(writesIn),
      unreadable: unreadable.length,
      badValuesAccepted,
      consumerInvocations,
    };
  } finally {
    world?.emulator.dispose();
    removeScratch(persistPath);
  }
}

interface Setup {
  history: History;
  persistPath: string;
  makeConsumer: ConsumerFactory;
  form: ConsumerForm;
  idPrefix: string;
  /** Counted over every boot of the history. */
  usage: { consumerInvocations: number };
}

function boot({ history, persistPath, makeConsumer, form, idPrefix, usage }: Setup, plan: FaultPlan, tap: Tap): World {
  const emulator = emulatorFor(plan, persistPath);
  let consumerInvocations = 0;
  const handler = makeConsumer({ ordered: history.ordered, seed: plan.seed, form });
  const storageConsumer = (event: unknown, context: unknown): Promise<unknown> => {
    const n = consumerInvocations++;
    usage.consumerInvocations++;
    const crash = plan.crashes.find((c) => c.invocation === n);
    return tap.run(`consumer#${n}`, crash?.afterWrites, () => handler(event, context));
  };
  const app = emulator.defineApp({ name: 'reliability', manifest: manifestFor(QUEUE, history.versionEntity, form), modules: { index: { storageConsumer } } });
  const installations = Array.from({ length: history.installations }, (_, i) =>
    emulator.install(app, { installationId: `${idPrefix}-installation-${i}` }),
  );
  tap.install();
  return { emulator, installations };
}

/** Drain, save the state to disk, dispose, and boot a fresh emulator that loads it (same installation ids). */
async function restart(world: World, setup: Setup, plan: FaultPlan, tap: Tap): Promise<World> {
  await drain(world, plan);
  await world.emulator.save();
  const before = world.emulator.now();
  world.emulator.dispose();
  const next = boot(setup, plan, tap);
  // Time never runs backwards on the platform; if the reloaded emulator starts earlier, catch up.
  const behind = before - next.emulator.now();
  if (behind > 0) await next.emulator.advance(behind);
  return next;
}

/** Run until idle, then past the end of every 429 storm (reads after the drain must be able to succeed). */
async function drain(world: World, plan: FaultPlan): Promise<void> {
  await world.emulator.runUntilIdle({ maxVirtualMs: MAX_DRAIN_MS });
  const stormsEnd = Math.max(0, ...plan.storms.map((s) => VIRTUAL_EPOCH_MS + s.startMs + s.durationMs));
  const wait = stormsEnd - world.emulator.now();
  if (wait > 0) {
    await world.emulator.advance(wait + 1);
    await world.emulator.runUntilIdle({ maxVirtualMs: MAX_DRAIN_MS });
  }
}

function collectDropped(world: World, into: DroppedEvent[]): void {
  into.push(...world.emulator.inspect().dropped.filter((d) => d.kind === 'consumer'));
}

function countBy(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}

/** The writes a dropped event carried, read from its body (library format: `ops[]` of `{ k, v | d }`). */
function writesIn(d: DroppedEvent): DroppedWrite[] {
  const ops = (d.body as { ops?: unknown }).ops;
  if (!Array.isArray(ops)) return [];
  return ops.flatMap((op: unknown): DroppedWrite[] => {
    if (typeof op !== 'object' || op === null) return [];
    const { k, v, d: del } = op as { k?: unknown; v?: unknown; d?: unknown };
    if (typeof k !== 'string') return [];
    const marker = JSON.stringify(v ?? null).match(/QSVAL-[A-Za-z0-9-]+/)?.[0];
    return [{ installation: d.installationId, key: k, marker, del: del === 1 }];
  });
}

/**
 * A key holding an older write is "stale" only if the newest value did land at some point (an older
 * write then replaced it); if the newest value never landed, the newer write was lost. Likewise the
 * producer's order is broken only when its newer write landed and an earlier one replaced it: a
 * newer write that never landed is a lost write (soak seed 40007575 was one, dropped at the retry cap).
 */
function reclassify(result: CheckResult, written: ReadonlySet<string>): CheckResult {
  const landed = (f: Finding): boolean => f.expected.some((v) => written.has(markerOf(v) ?? ''));
  const orderOnlyIfLanded = (f: Finding): Finding => (f.producerOrder && !landed(f) ? { ...f, producerOrder: false } : f);
  return {
    ...result,
    stale: result.stale.filter(landed),
    lost: [...result.lost, ...result.stale.filter((f) => !landed(f))].map(orderOnlyIfLanded),
  };
}

async function deadLettersOf(world: World): Promise<DeadLetterView[]> {
  const lists = await Promise.all(world.installations.map((i) => i.run(() => listDeadLetters(i.id))));
  return lists.flat();
}
