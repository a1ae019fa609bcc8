import { AsyncLocalStorage } from 'node:async_hooks';
import type { InstallationState } from '../installation-state.js';

/** What the platform knows about the invocation running on the current async path. */
export interface InvocationContext {
  installation: InstallationState;
  functionKey: string;
  moduleKey: string;
  invocationId: string;
  /** Clock ms when the invocation must end. */
  deadlineMs: number;
  /** Pushes along this invocation's causal chain (cyclic limit). */
  chainPushes: { count: number };
  /** The virtual clock the time patches use; undefined in real-clock mode. */
  clock: InvocationClock | undefined;
  /** The user this invocation acts for (the handler's context.principal), if any. */
  accountId?: string;
}

/** Shared by every invocation of one emulator (no per-invocation closures on the hot path). */
export interface InvocationClock {
  now(): number;
  /** Runs `fn` at clock time `at`, inside `ctx`. */
  schedule(ctx: InvocationContext, at: number, fn: () => void): unknown;
  cancel(handle: unknown): void;
}

export const invocationStorage = new AsyncLocalStorage<InvocationContext>();

export function currentInvocation(): InvocationContext | undefined {
  return invocationStorage.getStore();
}
