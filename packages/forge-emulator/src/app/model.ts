import { parse } from 'yaml';
import { ManifestError } from '../errors.js';
import { parseEntities, type EntitySchema } from './entities.js';
import { parseEgress, type EgressRules } from './egress.js';
import { checkModules } from './modules.js';
import { parseAppEvents, parseScheduledTriggers, parseTriggers, parseWebTriggers, type AppEventDef, type ScheduledTriggerDef, type TriggerDef, type WebTriggerDef } from './triggers.js';
import type { AppDefinition, EmulatedApp } from '../types.js';

export type Handler = (...args: unknown[]) => unknown;

export interface FunctionDef {
  key: string;
  handler: Handler;
  timeoutSeconds: number;
  memoryMB: number;
}

export interface ConsumerDef {
  key: string;
  queue: string;
  functionKey: string;
  /** Set for the v1 `resolver: { function, method }` form. */
  method: string | undefined;
}

export type { AppEventDef, ScheduledTriggerDef, TriggerDef, WebTriggerDef } from './triggers.js';

export interface AppModel extends EmulatedApp {
  readonly functions: ReadonlyMap<string, FunctionDef>;
  readonly consumersByQueue: ReadonlyMap<string, ConsumerDef[]>;
  /** Per-event byte limit of a queue with a consumer whose timeoutSeconds > 55 (100 KB); absent otherwise. */
  readonly eventLimitByQueue: ReadonlyMap<string, number>;
  readonly triggers: readonly TriggerDef[];
  readonly scheduledTriggers: readonly ScheduledTriggerDef[];
  readonly webTriggers: ReadonlyMap<string, WebTriggerDef>;
  /** `event` modules: app events this app may publish, by key. */
  readonly appEvents: ReadonlyMap<string, AppEventDef>;
  readonly scopes: readonly string[];
  /** Custom entities declared in `app.storage.entities`. */
  readonly entities: ReadonlyMap<string, EntitySchema>;
  /** The hosts functions may reach (`permissions.external.fetch.backend`, `remotes`). */
  readonly egress: EgressRules;
}

/** Default function timeouts: 25 s for functions, 55 s for async-event consumers. */
export const DEFAULT_TIMEOUT_SECONDS = 25;
export const DEFAULT_CONSUMER_TIMEOUT_SECONDS = 55;
/** Page limits-async-events: 100 KB per event when the consumer's timeoutSeconds is over 55. */
export const LONG_CONSUMER_EVENT_BYTES = 100 * 1024;

type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function buildApp(def: AppDefinition, defaultMemoryMB: number, acceptModules: readonly string[] = []): AppModel {
  const manifest = (typeof def.manifest === 'string' ? parse(def.manifest) : def.manifest) as Raw | null;
  if (manifest === null || typeof manifest !== 'object') throw new ManifestError('manifest must be a YAML mapping');
  const app = (manifest.app ?? {}) as Raw;
  const modules = (manifest.modules ?? {}) as Raw;
  checkModules(manifest, acceptModules);
  const consumers = list(modules.consumer).map(toConsumer);
  const consumerFns = new Set(consumers.map((c) => c.functionKey));
  const functions = new Map<string, FunctionDef>();
  for (const f of list(modules.function)) {
    const key = str(f.key);
    const handlerRef = str(f.handler);
    if (key === undefined || handlerRef === undefined) throw new ManifestError('every function needs key and handler');
    const dot = handlerRef.lastIndexOf('.');
    const moduleName = handlerRef.slice(0, dot);
    const exportName = handlerRef.slice(dot + 1);
    const handler = def.modules[moduleName]?.[exportName];
    if (dot <= 0 || typeof handler !== 'function') throw new ManifestError(`handler '${handlerRef}' of function '${key}' is not an exported function of module '${moduleName}'`);
    const timeout = typeof f.timeoutSeconds === 'number' ? f.timeoutSeconds : consumerFns.has(key) ? DEFAULT_CONSUMER_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS;
    if (!(timeout >= 1 && timeout <= 900)) throw new ManifestError(`timeoutSeconds of '${key}' must be 1..900`);
    const memory = (f.runtime as Raw | undefined)?.memoryMB;
    functions.set(key, { key, handler: handler as Handler, timeoutSeconds: timeout, memoryMB: typeof memory === 'number' ? memory : defaultMemoryMB });
  }
  const consumersByQueue = new Map<string, ConsumerDef[]>();
  for (const c of consumers) {
    if (!functions.has(c.functionKey)) throw new ManifestError(`consumer '${c.key}' names unknown function '${c.functionKey}'`);
    consumersByQueue.set(c.queue, [...(consumersByQueue.get(c.queue) ?? []), c]);
  }
  const eventLimitByQueue = new Map<string, number>();
  for (const c of consumers) {
    if ((functions.get(c.functionKey)?.timeoutSeconds ?? 0) > DEFAULT_CONSUMER_TIMEOUT_SECONDS) eventLimitByQueue.set(c.queue, LONG_CONSUMER_EVENT_BYTES);
  }
  const hasFunction = (key: string): boolean => functions.has(key);
  const triggers = parseTriggers(modules.trigger, hasFunction);
  const id = str(app.id) ?? 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000';
  const scopes = list((manifest.permissions as Raw | undefined)?.scopes).map(String);
  return {
    name: def.name ?? id,
    appId: id.slice(id.lastIndexOf('/') + 1),
    functionKeys: [...functions.keys()],
    functions,
    consumersByQueue,
    eventLimitByQueue,
    triggers,
    scheduledTriggers: parseScheduledTriggers(modules.scheduledTrigger, hasFunction),
    webTriggers: new Map(parseWebTriggers(modules.webtrigger, hasFunction).map((w) => [w.key, w])),
    appEvents: new Map(parseAppEvents(modules.event).map((e) => [e.key, e])),
    scopes,
    entities: parseEntities(app.storage),
    egress: parseEgress(manifest),
  };
}

function toConsumer(c: Raw): ConsumerDef {
  const key = str(c.key) ?? 'consumer';
  const queue = str(c.queue);
  const resolver = c.resolver as Raw | undefined;
  const functionKey = str(c.function) ?? str(resolver?.function);
  if (queue === undefined || functionKey === undefined) throw new ManifestError(`consumer '${key}' needs queue and function (or resolver.function)`);
  return { key, queue, functionKey, method: str(resolver?.method) };
}
