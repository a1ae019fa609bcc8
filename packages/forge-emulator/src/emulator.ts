import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { buildApp, type AppModel } from './app/model.js';
import { readAppDir } from './app/load.js';
import { installClockPatch, uninstallClockPatch } from './clock/patch.js';
import { Engine } from './engine.js';
import { ManifestError } from './errors.js';
import { createInstallation } from './installation.js';
import { InstallationState } from './installation-state.js';
import { addMetrics, copyMetrics, emptyMetrics } from './metrics.js';
import { resolveOptions } from './options.js';
import { installGlobals, uninstallGlobals } from './runtime/globals.js';
import { armScheduledTriggers } from './triggers/scheduled.js';
import { callWebTrigger, OFFLINE_WEBTRIGGER_BASE, parseWebTriggerUrl, type WebTriggerRequest, type WebTriggerResponse } from './triggers/webtrigger.js';
import { startWebTriggerServer, webTriggerListener, type WebTriggerServer } from './triggers/webtrigger-server.js';
import type { EmulatedApp, Emulator, EmulatorMetrics, EmulatorOptions, InstallationMetrics } from './types.js';

/** Creates the local Forge platform and installs its globals (one active emulator at a time). */
export function createEmulator(options?: EmulatorOptions): Emulator {
  const opts = resolveOptions(options);
  const engine = new Engine(opts);
  const apps = new WeakSet<object>();
  const persisted = loadPersisted(opts.persistPath);
  const key = {};
  installGlobals(key, engine.fetch, () => engine.now(), opts.egress === 'enforce');
  if (opts.clock === 'virtual') installClockPatch();
  let disposed = false;
  const webBase = { url: OFFLINE_WEBTRIGGER_BASE };
  let webServer: WebTriggerServer | undefined;
  const callWebTriggerUrl = (url: string, request: Partial<WebTriggerRequest>): Promise<WebTriggerResponse> => {
    const parsed = parseWebTriggerUrl(url);
    const state = parsed === undefined ? undefined : engine.installations.get(parsed.installationId);
    if (parsed === undefined || state === undefined) return Promise.resolve({ statusCode: 404, headers: {}, body: `No web trigger at ${url}` });
    return callWebTrigger(engine, state, parsed.key, { path: url.replace(/^[a-z]+:\/\/[^/]+/, ''), ...request });
  };

  const asModel = (app: EmulatedApp): AppModel => {
    if (!apps.has(app)) throw new ManifestError('install() needs an app from this emulator (defineApp/loadApp)');
    return app as AppModel;
  };

  const emulator: Emulator = {
    now: () => engine.now(),
    defineApp(def) {
      const app = buildApp(def, opts.defaultMemoryMB, def.acceptModules);
      apps.add(app);
      return app;
    },
    async loadApp(dir, o) {
      return emulator.defineApp(await readAppDir(dir, o?.source, o?.acceptModules));
    },
    install(app, o) {
      const id = o?.installationId ?? `installation-${engine.installations.size + 1}`;
      if (engine.installations.has(id)) throw new TypeError(`[forge-emulator] installation '${id}' already exists`);
      const state = new InstallationState(id, asModel(app), o?.product ?? 'jira', opts.quotas, opts.quotaWindow);
      const saved = persisted?.[id];
      if (saved !== undefined) state.store.load(saved);
      state.webTriggerBase = webBase;
      engine.installations.set(id, state);
      armScheduledTriggers(engine, state);
      return createInstallation(engine, state);
    },
    async runUntilIdle(o) {
      const until = o?.maxVirtualMs === undefined ? undefined : engine.now() + o.maxVirtualMs;
      await engine.drive(() => engine.idle(), { ...(until === undefined ? {} : { untilMs: until }), ...(o?.maxWallMs === undefined ? {} : { maxWallMs: o.maxWallMs }) });
    },
    async advance(ms) {
      if (!(ms >= 0)) throw new TypeError('[forge-emulator] advance(ms) needs ms >= 0');
      const target = engine.now() + ms;
      await engine.drive(() => false, { untilMs: target });
      if (engine.scheduler.virtual) engine.scheduler.runDue(target);
      // What fell due runs to its end (scheduled triggers and the deliveries they cause included), unless it waits past `target`.
      await engine.drive(() => engine.activeInvocations === 0 && !engine.dispatcher.canStart(), { untilMs: target });
    },
    metrics() {
      const total: InstallationMetrics = emptyMetrics();
      const byInstallation: Record<string, InstallationMetrics> = {};
      for (const [id, s] of engine.installations) {
        byInstallation[id] = copyMetrics(s.metrics);
        addMetrics(total, s.metrics);
      }
      const out: EmulatorMetrics = { ...total, byInstallation, virtualMs: engine.now() - engine.scheduler.startMs };
      return out;
    },
    inspect() {
      const d = engine.dispatcher;
      return { queued: d.queued, delayed: d.delayed, retrying: d.retrying, inFlight: engine.activeInvocations, dropped: [...engine.dropped], log: engine.log.list() };
    },
    onAttempt: (listener) => engine.log.subscribe(listener),
    product: engine.product,
    callWebTrigger: (url, request) => callWebTriggerUrl(url, request ?? {}),
    webTriggerListener(o) {
      if (o?.baseUrl !== undefined) webBase.url = o.baseUrl.replace(/\/+$/, '');
      return webTriggerListener(callWebTriggerUrl);
    },
    async serveWebTriggers(o) {
      if (webServer !== undefined) return webServer;
      const server = await startWebTriggerServer(callWebTriggerUrl, o?.port ?? 0);
      webBase.url = server.url;
      webServer = {
        url: server.url,
        close: async () => {
          webServer = undefined;
          webBase.url = OFFLINE_WEBTRIGGER_BASE;
          await server.close();
        },
      };
      return webServer;
    },
    async save() {
      if (opts.persistPath === undefined) return;
      const data: Record<string, object> = { ...persisted };
      for (const [id, s] of engine.installations) data[id] = s.store.toJSON();
      await writeFile(opts.persistPath, JSON.stringify(data));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      engine.dispose();
      uninstallGlobals(key);
      void webServer?.close();
      if (opts.clock === 'virtual') uninstallClockPatch();
    },
  };
  return emulator;
}

function loadPersisted(path: string | undefined): Record<string, object> | undefined {
  if (path === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, object>;
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ENOENT') return {};
    throw new TypeError(`[forge-emulator] cannot read persistPath ${path}`, { cause });
  }
}
