import type { AppModel } from './app/model.js';
import type { EventJob } from './events/jobs.js';
import { KvsStore } from './kvs/store.js';
import { emptyMetrics } from './metrics.js';
import { QuotaMeter } from './quota/meter.js';
import type { QuotaWindowKind } from './quota/window.js';
import type { InstallationMetrics, Quotas, RealtimeMessage } from './types.js';

/** Everything the platform keeps for one installation of an app. */
export class InstallationState {
  readonly store = new KvsStore();
  readonly meter: QuotaMeter;
  readonly metrics: InstallationMetrics = emptyMetrics();
  /** In-flight count per concurrency key (shared across queues). */
  readonly concurrency = new Map<string, number>();
  readonly jobs = new Map<string, EventJob>();
  /** Base URL of web trigger URLs (shared by the emulator's installations; set when a server listens). */
  webTriggerBase: { url: string } = { url: 'http://127.0.0.1:0' };
  /** Ids of web trigger URLs deleted with `webTrigger.deleteUrl()`. */
  readonly deletedWebTriggers = new Set<string>();
  /** Messages published with `@forge/realtime`, oldest first. */
  readonly realtime: RealtimeMessage[] = [];

  constructor(
    readonly id: string,
    readonly app: AppModel,
    readonly product: 'jira' | 'confluence',
    quotas: Quotas,
    quotaWindow: QuotaWindowKind = 'fixed',
  ) {
    this.meter = new QuotaMeter(quotas, quotaWindow);
  }

  get installContext(): string {
    return `ari:cloud:${this.product}::site/${this.id}`;
  }
}
