import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { VERSION_ENTITY_DECLARATION } from '@forge-queue/queued-storage';
import * as app from '../src/index.js';
import {
  MANIFEST_PATH, readManifest, removeManifestCopies, splitHandler, validateManifest, writeManifestCopy, type Manifest,
} from './support/manifest.js';

const RESOLVER_FIXTURE = fileURLToPath(new URL('./fixtures/resolver-consumer.manifest.yml', import.meta.url));
const clone = (): Manifest => structuredClone(readManifest());
afterAll(removeManifestCopies);

// The first validation compiles @forge/manifest's large JSON schema (seconds on a cold 2-core box).
describe('manifest.yml', { timeout: 60_000 }, () => {
  test('passes @forge/manifest full and product-trigger validation', async () => {
    const report = await validateManifest(MANIFEST_PATH);
    expect(report.messages).toEqual([]);
    expect(report.success).toBe(true);
  });

  test('the v1 resolver-consumer fixture passes validation too', async () => {
    const report = await validateManifest(await writeManifestCopy(readManifest(RESOLVER_FIXTURE)));
    expect(report.messages).toEqual([]);
    expect(report.success).toBe(true);
  });

  test.each<[string, (m: Manifest) => void, RegExp]>([
    ['a queue name with a space', (m) => { m.modules.consumer[0]!.queue = 'storage queue'; }, /must match pattern/],
    ['a consumer without function or resolver', (m) => { delete m.modules.consumer[0]!.function; }, /required properties/],
    ['a trigger naming no declared function', (m) => { m.modules.trigger[0]!.function = 'nope'; }, /nope/],
    ['a handler whose file is missing', (m) => { m.modules.function[0]!.handler = 'missing.handler'; }, /missing/],
    ['a duplicate module key', (m) => { m.modules.consumer[0]!.key = m.modules.trigger[0]!.key; }, /duplicate module key/],
    ['a timeout above 900 s', (m) => { m.modules.function[1]!.timeoutSeconds = 901; }, /timeoutSeconds|900/],
    ['the trigger scope removed', (m) => { m.permissions.scopes = ['storage:app']; }, /requires 'read:confluence-content.summary' scope/],
  ])('rejects %s', async (_name, breakIt, message) => {
    const manifest = clone();
    breakIt(manifest);
    const report = await validateManifest(await writeManifestCopy(manifest));
    expect(report.success).toBe(false);
    expect(report.messages.join('\n')).toMatch(message);
  });

  test('declares the deployable shape the README documents', () => {
    const m = readManifest();
    expect(m.app.id).toMatch(/^ari:cloud:ecosystem::app\/[0-9a-f-]{36}$/);
    expect(m.app.runtime.name).toBe('nodejs22.x');
    expect(m.modules.trigger.flatMap((t) => t.events)).toEqual(['avi:confluence:created:page']);
    expect(m.modules.consumer.map((c) => c.queue)).toEqual([app.QUEUE]);
    expect(m.permissions.scopes).toEqual(expect.arrayContaining(['storage:app', 'read:confluence-content.summary']));
    // The library's ordered mode keeps version records in this custom entity.
    expect(m.app.storage?.entities).toContainEqual(VERSION_ENTITY_DECLARATION);
    const consumerFns = new Set(m.modules.consumer.map((c) => c.function));
    const consumerTimeouts = m.modules.function.filter((f) => consumerFns.has(f.key)).map((f) => f.timeoutSeconds);
    // Explicit, and <= 55 s: the producer packs events up to 200 KB (longRunningConsumer: false), and
    // Forge caps events at 100 KB for consumers with a longer timeout.
    expect(consumerTimeouts).toEqual([expect.any(Number)]);
    expect(consumerTimeouts.filter((t) => t === undefined || t > 55)).toEqual([]);
  });

  test.each([MANIFEST_PATH, RESOLVER_FIXTURE])('every handler %s names is a function exported by src/index.ts', (file) => {
    const exports = app as Record<string, unknown>;
    const handlers = readManifest(file).modules.function.map((f) => splitHandler(f.handler));
    expect(handlers.length).toBeGreaterThan(0);
    expect(handlers.filter(({ module, name }) => module !== 'index' || typeof exports[name] !== 'function')).toEqual([]);
  });
});
