import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createEmulator } from '../emulator.js';
import type { FixtureSiteOptions } from '../product/types.js';
import type { AttemptLogEntry, Emulator, Installation, Quotas } from '../types.js';
import { readAppInfo, syntheticEvents, type AppInfo } from './app-info.js';

/** Who a Custom UI page acts as: the fixture site's first administrator, or its first other user. */
export const DEV_USERS = {
  admin: 'Site administrator',
  user: 'User without admin rights',
} as const;
export type DevUser = keyof typeof DEV_USERS;

export const INSTALLATION_ID = 'dev-site';
export const INSTALLED_EVENT = 'avi:forge:installed:app';
const LOG_KEPT = 2_000;

export interface DevSessionOptions {
  appDir: string;
  seed: number;
  /** KVS file, or undefined to start empty and keep nothing. */
  statePath: string | undefined;
  source: 'src' | 'dist';
  quotas: Partial<Quotas>;
  /** The fixture site behind product REST calls. */
  site: FixtureSiteOptions;
  /** Where the session reports reloads and errors. Default: stderr. */
  report?: (line: string) => void;
}

/** One running app: its emulator, its installation, the attempt log, and the run-ahead of the clock. */
export class DevSession {
  emulator!: Emulator;
  installation!: Installation;
  info!: AppInfo;
  readonly appDir: string;
  /** Run everything due after each action (UI call, fired events). */
  autoRun = true;
  generation = 0;
  lastError: string | undefined;
  /** Attempt log entries, oldest first, with a running sequence number. */
  readonly log: Array<AttemptLogEntry & { seq: number }> = [];
  private seq = 0;
  private eventSeq = 1;
  private unsubscribe: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private busy = Promise.resolve();

  /** Where the store is kept: statePath, or a temporary file that only carries it across reloads. */
  private readonly storePath: string;
  private readonly tempDir: string | undefined;

  private constructor(private readonly options: DevSessionOptions) {
    this.appDir = resolve(options.appDir);
    this.tempDir = options.statePath === undefined ? mkdtempSync(join(tmpdir(), 'forge-emulator-dev-')) : undefined;
    this.storePath = options.statePath ?? join(this.tempDir ?? '', 'state.json');
  }

  static async start(options: DevSessionOptions): Promise<DevSession> {
    const session = new DevSession(options);
    await session.load();
    return session;
  }

  private report(line: string): void {
    (this.options.report ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }

  /** Creates the emulator, loads the app and installs it (the store comes back from statePath). */
  private async load(): Promise<void> {
    mkdirSync(dirname(this.storePath), { recursive: true });
    const emulator = createEmulator({ seed: this.options.seed, quotas: this.options.quotas, site: this.options.site, attemptLogLimit: LOG_KEPT, persistPath: this.storePath });
    try {
      this.info = readAppInfo(await readFile(join(this.appDir, 'manifest.yml'), 'utf8'));
      const app = await emulator.loadApp(this.appDir, { source: this.options.source });
      this.emulator = emulator;
      this.installation = emulator.install(app, { installationId: INSTALLATION_ID, product: this.info.product });
      // A fresh site (nothing stored yet): Forge tells the app it was installed.
      if (this.generation === 0 && this.installation.kvs.entries().length === 0 && this.info.eventTypes.includes(INSTALLED_EVENT)) {
        this.installation.fireProductEvent(INSTALLED_EVENT, { context: { installContext: `ari:cloud:${this.info.product}::site/${INSTALLATION_ID}` } });
      }
    } catch (error) {
      emulator.dispose();
      throw error;
    }
    this.unsubscribe = emulator.onAttempt((entry) => {
      this.log.push({ ...entry, seq: ++this.seq });
      if (this.log.length > LOG_KEPT) this.log.splice(0, this.log.length - LOG_KEPT);
    });
    this.generation++;
  }

  /** Serialises actions that drive the emulator (only one drive loop at a time). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.busy.then(fn);
    this.busy = result.then(() => undefined, () => undefined);
    return result;
  }

  /** Saves the store, then loads the app again from disk (after a source change). */
  reload(): Promise<void> {
    return this.exclusive(async () => {
      await this.running;
      await this.emulator.save();
      this.unsubscribe?.();
      const old = this.emulator;
      old.dispose();
      try {
        await this.load();
        this.lastError = undefined;
        this.report(`[forge-emulator dev] reloaded ${this.appDir} (generation ${this.generation})`);
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.report(`[forge-emulator dev] reload failed, fix the app and save again: ${this.lastError}`);
        // Keep serving: a fresh emulator with the old store, without the broken app.
        await this.load().catch(() => undefined);
      }
    });
  }

  /** With auto-run on, runs everything due in the background (then saves the store). */
  kick(): void {
    if (!this.autoRun || this.running !== undefined) return;
    this.running = this.exclusive(async () => {
      await this.emulator.runUntilIdle();
      await this.emulator.save();
    }).catch((error: unknown) => {
      this.lastError = error instanceof Error ? error.message : String(error);
    }).finally(() => {
      this.running = undefined;
    });
  }

  /** The clock is being driven (auto-run, run until idle, or advance). */
  get isRunning(): boolean {
    return this.running !== undefined || this.driving > 0;
  }

  private driving = 0;

  private drive(fn: () => Promise<void>): Promise<void> {
    this.driving++;
    return this.exclusive(async () => {
      await fn();
      await this.emulator.save();
    }).finally(() => {
      this.driving--;
    });
  }

  runUntilIdle(): Promise<void> {
    return this.drive(() => this.emulator.runUntilIdle());
  }

  advance(ms: number): Promise<void> {
    return this.drive(() => this.emulator.advance(ms));
  }

  /** Fires `count` product events of `eventType` (synthetic issues or pages, numbered on). */
  fire(eventType: string, count: number): number {
    const events = syntheticEvents(eventType, count, this.eventSeq, this.emulator.now());
    this.eventSeq += count;
    for (const payload of events) this.installation.fireProductEvent(eventType, payload);
    this.kick();
    return events.length;
  }

  /** The fixture site's account a page acts as. */
  accountOf(user: DevUser): { accountId: string; displayName: string } {
    const site = this.emulator.product.site(INSTALLATION_ID);
    const u = user === 'admin' ? site.admin : site.user;
    return { accountId: u.accountId, displayName: u.displayName };
  }

  /** Calls a page's resolver as `user`, the way `@forge/bridge` `invoke` does on Forge. */
  invoke(pageKey: string, user: DevUser, functionKey: string, payload: unknown): Promise<unknown> {
    const page = this.info.pages.find((p) => p.key === pageKey);
    if (page?.resolverFunction === undefined) return Promise.reject(new TypeError(`module '${pageKey}' has no resolver function`));
    const fn = page.resolverFunction;
    const { accountId } = this.accountOf(user);
    const context = { moduleKey: page.key, extension: { type: page.type }, localId: page.key };
    return this.exclusive(() => this.installation.invokeResolver(fn, functionKey, payload, { accountId, context })).finally(() => {
      this.kick();
    });
  }

  async close(): Promise<void> {
    await this.running;
    await this.busy;
    await this.emulator.save();
    this.unsubscribe?.();
    this.emulator.dispose();
    if (this.tempDir !== undefined) rmSync(this.tempDir, { recursive: true, force: true });
  }
}
