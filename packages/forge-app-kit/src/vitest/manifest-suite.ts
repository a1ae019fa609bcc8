// manifest.yml passes @forge/manifest's validation, broken copies fail with the expected message,
// it declares the documented shape, and every handler it names is exported by src/index.ts.
import { VERSION_ENTITY_DECLARATION } from '@forge-queue/queued-storage';
import { afterAll, describe, expect, test } from 'vitest';
import { removeManifestCopies, writeManifestCopy } from '../manifest/copy.js';
import { manifestPath, readManifest, splitHandler } from '../manifest/read.js';
import type { Manifest } from '../manifest/types.js';
import { validateManifest } from '../manifest/validate.js';
import { present, type ForgeAppSuiteOptions } from './options.js';

/** The manifest without its consumer form: consumers reduced to key and queue, their functions removed. */
function withoutConsumerForm(m: Manifest): unknown {
  const consumerFns = new Set(m.modules.consumer.flatMap((c) => [c.function, c.resolver?.function]));
  return {
    ...m,
    modules: {
      ...m.modules,
      consumer: m.modules.consumer.map(({ key, queue }) => ({ key, queue })),
      function: m.modules.function.filter((f) => !consumerFns.has(f.key)),
    },
  };
}

export function describeManifest<R>(o: ForgeAppSuiteOptions<R>): void {
  const MANIFEST = manifestPath(o.appDir);
  const clone = (): Manifest => structuredClone(readManifest(MANIFEST));

  // The first validation compiles @forge/manifest's large JSON schema (seconds on a cold 2-core box).
  describe('manifest.yml', { timeout: 120_000 }, () => {
    afterAll(removeManifestCopies);

    test('passes @forge/manifest full and product-trigger validation', async () => {
      const report = await validateManifest(MANIFEST);
      expect(report.messages).toEqual([]);
      expect(report.success).toBe(true);
    });

    test('the v1 resolver-consumer fixture passes validation too', async () => {
      const report = await validateManifest(await writeManifestCopy(o.appDir, readManifest(o.resolverManifest)));
      expect(report.messages).toEqual([]);
      expect(report.success).toBe(true);
    });

    test('the v1 resolver-consumer fixture differs from manifest.yml only in the consumer form', () => {
      const fixture = readManifest(o.resolverManifest);
      expect(fixture.modules.consumer.filter((c) => c.resolver === undefined || c.function !== undefined)).toEqual([]);
      expect(withoutConsumerForm(fixture)).toEqual(withoutConsumerForm(readManifest(MANIFEST)));
    });

    test.each<[string, (m: Manifest) => void, RegExp]>([
      ['a queue name with a space', (m) => { present(m.modules.consumer[0], 'consumer').queue = 'storage queue'; }, /must match pattern/],
      ['a consumer without function or resolver', (m) => { delete present(m.modules.consumer[0], 'consumer').function; }, /required properties/],
      ['a trigger naming no declared function', (m) => { present(m.modules.trigger[0], 'trigger').function = 'nope'; }, /nope/],
      ['a handler whose file is missing', (m) => { present(m.modules.function[0], 'function').handler = 'missing.handler'; }, /missing/],
      ['a duplicate module key', (m) => { present(m.modules.consumer[0], 'consumer').key = present(m.modules.trigger[0], 'trigger').key; }, /duplicate module key/],
      ['a timeout above 900 s', (m) => { present(m.modules.function[1], 'second function').timeoutSeconds = 901; }, /timeoutSeconds|900/],
      ['the trigger scope removed', (m) => { m.permissions.scopes = ['storage:app']; }, o.missingScopeMessage],
    ])('rejects %s', async (_name, breakIt, message) => {
      const manifest = clone();
      breakIt(manifest);
      const report = await validateManifest(await writeManifestCopy(o.appDir, manifest));
      expect(report.success).toBe(false);
      expect(report.messages.join('\n')).toMatch(message);
    });

    test('declares the deployable shape the README documents', () => {
      const m = readManifest(MANIFEST);
      expect(m.app.id).toMatch(/^ari:cloud:ecosystem::app\/[0-9a-f-]{36}$/);
      expect(m.app.runtime.name).toBe('nodejs22.x');
      // One product event; Forge lifecycle events (avi:forge:installed:app starts the backfill) aside.
      expect(m.modules.trigger.flatMap((t) => t.events).filter((e) => !e.startsWith('avi:forge:'))).toEqual([o.eventType]);
      expect(m.modules.consumer.map((c) => c.queue)).toContain(o.app.QUEUE);
      expect(m.permissions.scopes).toEqual(expect.arrayContaining(o.scopes));
      // The library's ordered mode keeps version records in this custom entity.
      expect(m.app.storage?.entities).toContainEqual(VERSION_ENTITY_DECLARATION);
      const consumerFns = new Set(m.modules.consumer.map((c) => c.function));
      const consumerTimeouts = m.modules.function.filter((f) => consumerFns.has(f.key)).map((f) => f.timeoutSeconds);
      expect(consumerTimeouts).toEqual(m.modules.consumer.map((): unknown => expect.any(Number)));
      // The storage queue's consumer: <= 55 s, as the producer packs events up to 200 KB
      // (longRunningConsumer: false) and Forge caps events at 100 KB for consumers with a longer
      // timeout. The backfill's consumer walks many pages (up to 900 s); its events are a few hundred bytes.
      const storageFns = new Set(m.modules.consumer.filter((c) => c.queue === o.app.QUEUE).map((c) => c.function));
      const storageTimeouts = m.modules.function.filter((f) => storageFns.has(f.key)).map((f) => f.timeoutSeconds);
      expect(storageTimeouts.length).toBeGreaterThan(0);
      expect(storageTimeouts.filter((t) => t === undefined || t > 55)).toEqual([]);
    });

    test.each([MANIFEST, o.resolverManifest])('every handler %s names is a function exported by src/index.ts', (file) => {
      const handlers = readManifest(file).modules.function.map((f) => splitHandler(f.handler));
      expect(handlers.length).toBeGreaterThan(0);
      expect(handlers.filter(({ module, name }) => module !== 'index' || typeof o.app[name] !== 'function')).toEqual([]);
    });
  });
}
