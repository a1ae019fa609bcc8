import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vi, type MockInstance } from 'vitest';
import type { ForgeAppSpec } from '../scenario/app.js';

/** What the shared suites need: the app's spec plus the expectations that differ between apps. */
export interface ForgeAppSuiteOptions<R = unknown> extends ForgeAppSpec<R> {
  /** The app's folder (manifest.yml, package.json, src/). */
  appDir: string;
  /** The module namespace of the app's src/index.ts (`import * as app from '../src/index.js'`). */
  app: Record<string, unknown>;
  /** The app's manifest with the consumer in the v1 `resolver: { function, method }` form. */
  resolverManifest: string;
  /** Scopes manifest.yml must declare (`['storage:app', 'read:jira-work']`). */
  scopes: string[];
  /** What @forge/manifest reports when only `storage:app` is left (`/requires 'read:jira-work' scope/`). */
  missingScopeMessage: RegExp;
  /** Plural noun for test names (`issues`). */
  items: string;
  /** A payload of the app's event type the app cannot use. Default `{}`. */
  malformedEvent?: Record<string, unknown>;
}

/** The `version` of `<appDir>/package.json`. */
export function packageVersion(appDir: string): string {
  return (JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Silences console.log for the running test and returns the spy (restored when the test ends). */
export function captureLog(onFinished: (fn: () => void) => void): MockInstance<typeof console.log> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  onFinished(() => {
    log.mockRestore();
  });
  return log;
}

/** Everything the spy was called with, one line each. */
export const logged = (log: MockInstance<typeof console.log>): string => log.mock.calls.flat().join('\n');

/** `value`, or an error naming what the app under test lacks (instead of a non-null assertion). */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`[forge-app-kit] the app has no ${what}`);
  return value;
}
