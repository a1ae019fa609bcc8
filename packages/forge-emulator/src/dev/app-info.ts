import { parse } from 'yaml';

/** A Custom UI module of the manifest: rendered from a static resource, with a resolver function. */
export interface UiPage {
  /** Module type, e.g. `jira:adminPage`. */
  type: string;
  key: string;
  title: string;
  resourceKey: string;
  /** Folder of the resource, relative to the app folder. */
  resourcePath: string;
  /** Manifest function key of `resolver.function`, when the module has one. */
  resolverFunction: string | undefined;
}

/** What the dev server needs from manifest.yml beyond what the emulator models. */
export interface AppInfo {
  product: 'jira' | 'confluence';
  pages: UiPage[];
  /** Events the app's triggers subscribe to. */
  eventTypes: string[];
}

type Raw = Record<string, unknown>;
const list = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Reads the UI modules, resources and trigger events of a manifest (YAML text). */
export function readAppInfo(manifestText: string): AppInfo {
  const manifest = (parse(manifestText) ?? {}) as Raw;
  const modules = (manifest.modules ?? {}) as Raw;
  const resources = new Map(list(manifest.resources).map((r) => [str(r.key) ?? '', str(r.path) ?? '']));
  const pages: UiPage[] = [];
  for (const [type, entries] of Object.entries(modules)) {
    for (const m of list(entries)) {
      const resourceKey = str(m.resource);
      if (resourceKey === undefined) continue;
      const resourcePath = resources.get(resourceKey.split('/')[0] ?? '');
      if (resourcePath === undefined) continue;
      const title = m.title;
      pages.push({
        type,
        key: str(m.key) ?? type,
        title: typeof title === 'string' ? title : str((title as Raw | undefined)?.text) ?? str(m.key) ?? type,
        resourceKey,
        resourcePath,
        resolverFunction: str((m.resolver as Raw | undefined)?.function),
      });
    }
  }
  const eventTypes = [...new Set(list(modules.trigger).flatMap((t) => list(t.events).map(String)))];
  const product = Object.keys(modules).some((k) => k.startsWith('confluence:')) || eventTypes.some((e) => e.startsWith('avi:confluence:')) ? 'confluence' : 'jira';
  return { product, pages, eventTypes };
}

/** `count` synthetic product events of `eventType`, numbered from `first` (issue DEV-<n> / page <n>). */
export function syntheticEvents(eventType: string, count: number, first: number, nowMs: number): object[] {
  const out: object[] = [];
  for (let i = first; i < first + count; i++) {
    const created = new Date(nowMs).toISOString();
    if (eventType.startsWith('avi:confluence:')) {
      out.push({ content: { id: String(900000 + i), type: 'page', title: `Dev page ${i}`, space: { key: 'DEV' }, history: { createdDate: created } }, atlassianId: 'dev-admin' });
    } else if (eventType.startsWith('avi:jira:')) {
      out.push({ issue: { id: String(90000 + i), key: `DEV-${i}`, fields: { summary: `Dev issue ${i}`, project: { key: 'DEV' }, created } }, atlassianId: 'dev-admin', selfGenerated: false });
    } else {
      out.push({});
    }
  }
  return out;
}
