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
  /** Clock that the virtual-time patches read; undefined in real-clock mode. */
  virtualNow: (() => number) | undefined;
  /** Pushes made by this invocation's chain (cyclic limit). */
  chainPushes: { count: number };
  /** Schedules a callback on the emulator clock, in this context. */
  schedule: ((at: number, fn: () => void) => unknown) | undefined;
  cancel: ((handle: unknown) => void) | undefined;
}

export const invocationStorage = new AsyncLocalStorage<InvocationContext>();

export function currentInvocation(): InvocationContext | undefined {
  return invocationStorage.getStore();
}
