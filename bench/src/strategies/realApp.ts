import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmulatedAppDefinition } from './appDefinition.js';
import type { ProducerHooks } from './producerHooks.js';
import type { Write } from '../scenarios/writes.js';

const require = createRequire(import.meta.url);

/** Folder of a workspace app package (holds manifest.yml and dist/). */
export function appDir(packageName: string): string {
  return dirname(require.resolve(`${packageName}/package.json`));
}

export interface RealAppWrap<Event> {
  packageName: string;
  /** Export name of the trigger handler, e.g. 'onIssueCreated'. */
  triggerExport: string;
  writesFor: (event: Event) => Write[];
}

/**
 * The real app (its manifest.yml and built dist/index.js), unchanged except that the trigger is
 * wrapped to log the writes it is about to ask for, at the moment it runs (so a retried trigger
 * counts as the producer's latest write).
 */
export async function wrappedRealApp<Event>(wrap: RealAppWrap<Event>, hooks: ProducerHooks): Promise<EmulatedAppDefinition> {
  const dir = appDir(wrap.packageName);
  const manifestText = await readFile(join(dir, 'manifest.yml'), 'utf8');
  const module = (await import(pathToFileURL(join(dir, 'dist', 'index.js')).href)) as Record<string, unknown>;
  const trigger = module[wrap.triggerExport];
  if (typeof trigger !== 'function') {
    throw new TypeError(`${wrap.packageName} does not export a function "${wrap.triggerExport}"`);
  }
  const wrapped = (event: Event, context: unknown): unknown => {
    for (const [key, value] of wrap.writesFor(event)) hooks.onWrite(key, value);
    return (trigger as (event: Event, context: unknown) => unknown)(event, context);
  };
  return { name: wrap.packageName, manifest: manifestText, modules: { index: { ...module, [wrap.triggerExport]: wrapped } } };
}
