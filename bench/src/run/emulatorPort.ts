/**
 * The subset of the emulator's public API (packages/forge-emulator README) the bench drives, kept in one
 * place so the bench adapts to the emulator in one file.
 */
import { createEmulator } from '@forge-queue/forge-emulator';
import type { Quotas } from '../model/quotas.js';
import type { Meters } from '../model/result.js';
import type { FaultSpec, QuotaWindow } from '../scenarios/types.js';
import type { SearchedIssue } from '../scenarios/writes.js';
import type { EmulatedAppDefinition } from '../strategies/appDefinition.js';

export interface PortMetrics extends Meters {
  eventsDelivered: number;
  eventsDropped: number;
}

export interface PortAttempt {
  atMs: number;
  installationId: string;
  kind: string;
  outcome: string;
  durationMs: number;
  error?: string;
}

export interface PortDropped {
  installationId: string;
  kind: 'trigger' | 'consumer';
  reason: string;
}

export interface PortInstallation {
  readonly id: string;
  fireProductEvent(eventType: string, payload: object, opts?: { atMs?: number }): void;
  invoke(functionKey: string, payload?: unknown): Promise<unknown>;
  invokeResolver(functionKey: string, method: string, payload?: unknown, opts?: { accountId?: string; context?: Record<string, unknown> }): Promise<unknown>;
  run<T>(fn: () => Promise<T> | T, opts?: { timeoutSeconds?: number }): Promise<T>;
  kvs: { get(key: string): unknown; entries(): Array<[string, unknown]> };
  metrics(): PortMetrics;
}

export interface PortSite {
  admin: { accountId: string };
  issueCount: number;
  /** Issue number `n` (1-based), with the fields JQL search returns. */
  issue(n: number): SearchedIssue;
}

export interface PortApp {
  readonly name: string;
}

export interface EmulatorPort {
  now(): number;
  loadApp(dir: string, opts?: { source?: 'src' | 'dist' }): Promise<PortApp>;
  defineApp(def: EmulatedAppDefinition): PortApp;
  install(app: PortApp, opts?: { installationId?: string; product?: 'jira' | 'confluence' }): PortInstallation;
  advance(ms: number): Promise<void>;
  /** The installation's fixture site (what its product REST API serves). */
  product: { site(installationId: string): PortSite };
  inspect(): { queued: number; delayed: number; retrying: number; inFlight: number; dropped: PortDropped[] };
  onAttempt?(listener: (entry: PortAttempt) => void): () => void;
  dispose(): void;
}

export interface PortOptions {
  seed: number;
  quotas: Quotas;
  faults?: FaultSpec;
  /** Default 'fixed' (the emulator's default). */
  quotaWindow?: QuotaWindow;
  /** Existing issues on every installation's fixture site (a backfill's source). */
  siteIssues?: number;
}

export function startEmulator(options: PortOptions): EmulatorPort {
  return createEmulator({
    seed: options.seed,
    clock: 'virtual',
    quotas: options.quotas,
    quotaWindow: options.quotaWindow ?? 'fixed',
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    attemptLogLimit: 1000,
    ...(options.siteIssues === undefined ? {} : { site: { issues: options.siteIssues } }),
  });
}
