import { ManifestError } from '../errors.js';
import { parseTriggerFilter, type TriggerFilter } from './trigger-filter.js';

type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** One event type a trigger listens to, with the filter that applies to it. */
export interface Subscription {
  eventType: string;
  filter: TriggerFilter | undefined;
}

export interface TriggerDef {
  key: string;
  functionKey: string;
  /** Event types, in manifest order. */
  events: string[];
  subscriptions: Subscription[];
}

/** `scheduledTrigger` intervals (manifest schema) and their periods. */
export const SCHEDULE_PERIOD_MS: Readonly<Record<string, number>> = { fiveMinute: 5 * 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };
/** Page "Scheduled trigger": up to five scheduled triggers per app. */
export const MAX_SCHEDULED_TRIGGERS = 5;

export interface ScheduledTriggerDef {
  key: string;
  functionKey: string;
  interval: string;
  periodMs: number;
}

export interface StaticOutput {
  key: string;
  statusCode: number;
  body?: string;
  contentType?: string;
}

export interface WebTriggerDef {
  key: string;
  functionKey: string;
  /** `response.type: static` answers with one of `outputs`, chosen by the function's `outputKey`. */
  staticOutputs: StaticOutput[] | undefined;
}

export interface AppEventDef {
  key: string;
  name: string;
  allowedRecipients: string[];
}

/** The AVI a trigger subscribes with to an app event (manifest reference, module `event`). */
export const appEventAvi = (appId: string, key: string): string => `avi:cloud:ecosystem::event/${appId}/${key}`;

export function parseTriggers(raw: unknown, hasFunction: (key: string) => boolean): TriggerDef[] {
  return list(raw).map((t): TriggerDef => {
    const key = str(t.key) ?? 'trigger';
    const functionKey = str(t.function);
    if (functionKey === undefined || !hasFunction(functionKey)) throw new ManifestError(`trigger '${key}' names unknown function '${String(functionKey)}'`);
    const where = `trigger '${key}'`;
    const common = parseTriggerFilter(t.filter, where);
    const subscriptions = list(t.events).map((e, i): Subscription => {
      if (typeof e === 'string') return { eventType: e, filter: common };
      const eventType = str(e.eventType);
      if (eventType === undefined) throw new ManifestError(`${where}: events[${i}] must be an event type or { eventType, filter }`);
      return { eventType, filter: parseTriggerFilter(e.filter, `${where} event '${eventType}'`) ?? common };
    });
    if (subscriptions.length === 0) throw new ManifestError(`${where} needs at least one event`);
    return { key, functionKey, events: subscriptions.map((s) => s.eventType), subscriptions };
  });
}

export function parseScheduledTriggers(raw: unknown, hasFunction: (key: string) => boolean): ScheduledTriggerDef[] {
  const defs = list(raw).map((t): ScheduledTriggerDef => {
    const key = str(t.key) ?? 'scheduledTrigger';
    const functionKey = str(t.function);
    if (functionKey === undefined || !hasFunction(functionKey)) throw new ManifestError(`scheduledTrigger '${key}' names unknown function '${String(functionKey)}'`);
    const interval = str(t.interval) ?? '';
    const periodMs = SCHEDULE_PERIOD_MS[interval];
    if (periodMs === undefined) throw new ManifestError(`scheduledTrigger '${key}': interval must be one of ${Object.keys(SCHEDULE_PERIOD_MS).join(', ')}`);
    return { key, functionKey, interval, periodMs };
  });
  if (defs.length > MAX_SCHEDULED_TRIGGERS) throw new ManifestError(`an app can declare at most ${MAX_SCHEDULED_TRIGGERS} scheduled triggers (${defs.length} declared)`);
  return defs;
}

export function parseWebTriggers(raw: unknown, hasFunction: (key: string) => boolean): WebTriggerDef[] {
  return list(raw).map((t): WebTriggerDef => {
    const key = str(t.key) ?? 'webtrigger';
    const functionKey = str(t.function);
    if (functionKey === undefined || !hasFunction(functionKey)) throw new ManifestError(`webtrigger '${key}' names unknown function '${String(functionKey)}'`);
    const response = t.response as Raw | undefined;
    const staticOutputs = response?.type === 'static' ? list(response.outputs).map((o) => o as unknown as StaticOutput) : undefined;
    return { key, functionKey, staticOutputs };
  });
}

export function parseAppEvents(raw: unknown): AppEventDef[] {
  return list(raw).map((e): AppEventDef => {
    const key = str(e.key);
    if (key === undefined || !/^[a-zA-Z0-9_-]+$/.test(key)) throw new ManifestError(`event module key '${String(key)}' must match ^[a-zA-Z0-9_-]+$`);
    const recipients = Array.isArray(e.allowedRecipients) ? e.allowedRecipients.map(String) : undefined;
    if (recipients === undefined) throw new ManifestError(`event '${key}' needs allowedRecipients (a list; [] means only this app)`);
    return { key, name: str(e.name) ?? key, allowedRecipients: recipients };
  });
}
