// @forge-queue/forge-app-kit/vitest: the test suites every app of the workspace runs.
import { adminHarness, type AdminHarness, type Answer } from './admin-harness.js';
import { describeBundle } from './bundle-suite.js';
import { describeEndToEnd } from './e2e-suite.js';
import { describeManifest } from './manifest-suite.js';
import type { ForgeAppSuiteOptions } from './options.js';
import { describeTriggerQueue } from './trigger-suite.js';

export { adminHarness, describeBundle, describeEndToEnd, describeManifest, describeTriggerQueue };
export type { AdminHarness, Answer, ForgeAppSuiteOptions };

/**
 * Registers the shared suites for one app: manifest validation and shape, trigger -> queue ->
 * consumer wiring, end to end on the emulator (both consumer forms, healthy / 429 storm / bulk
 * import), and the Forge bundle. Call it once, at the top level of a test file.
 */
export function describeForgeApp<R>(options: ForgeAppSuiteOptions<R>): void {
  describeManifest(options);
  describeTriggerQueue(options);
  describeEndToEnd(options);
  describeBundle(options);
}
