import { StatsigReader } from '@forge/cli-shared';

/**
 * The feature-flag reader the linters are handed, answering every gate and dynamic config with
 * `null` without a network call or a login, so each `StatsigReader` getter falls back to its
 * built-in default (for example `getDeprecatedRuntimes()` -> `[]`).
 */
export class OfflineStatsig extends StatsigReader {
  checkGate(): Promise<null> {
    return Promise.resolve(null);
  }
  getDynamicConfig(): Promise<null> {
    return Promise.resolve(null);
  }
}
