// How long the running invocation has left (`@forge/api` getAppContext), guarded: outside Forge, or on
// a runtime that does not say, the answer is undefined and callers use a budget of their own.
import { getAppContext } from '@forge/api';

export function invocationRemainingMs(): number | undefined {
  try {
    const ms = getAppContext().invocationRemainingTimeInMillis();
    return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
  } catch {
    return undefined;
  }
}
