import { getAppContext } from '@forge/api';

/**
 * What the library asks of the running invocation. Every call is guarded: outside Forge (or on an
 * older runtime) the answers are "unknown".
 */
export function invocationRemainingMs(): number | undefined {
  try {
    const ms = getAppContext().invocationRemainingTimeInMillis();
    return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}

/** Identifies the installation (for per-installation memory such as "recently throttled"). */
export function installationKey(): string {
  try {
    return getAppContext().installationAri.installationId;
  } catch {
    return 'default';
  }
}

/**
 * Identifies the running invocation. Writes of concurrent invocations sharing one module instance
 * (a warm runtime, or the emulator running many at once) must never be flushed together.
 */
export function invocationKey(): string {
  try {
    return getAppContext().invocationId;
  } catch {
    return 'default';
  }
}

/** A deadline in `now()` time: the invocation's end minus `reserveMs`, or `fallbackMs` from now. */
export function invocationDeadline(now: () => number, reserveMs: number, fallbackMs: number): number {
  const remaining = invocationRemainingMs();
  return now() + (remaining === undefined ? fallbackMs : Math.max(0, remaining - reserveMs));
}

/** setTimeout-based sleep (the emulator's virtual clock drives it inside invocations). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
