import { describe, expect, test } from 'vitest';
import { classifyFailure } from '../../src/classify.js';
import type { KvsPort } from '../../src/ports.js';

/** How a suite reaches a port: `run` wraps each step (the Forge adapters need an invocation). */
export interface PortDriver<P> {
  port: P;
  run: <T>(fn: () => Promise<T>) => Promise<T>;
}

const ENTITY = 'qs-version';

/**
 * The behaviour the library relies on from a KvsPort (in the spirit of unstorage's testDriver()).
 * Runs against every adapter: the Forge adapter on the emulator and the in-memory fake.
 */
export function kvsPortConformance(name: string, make: () => PortDriver<KvsPort>): void {
  describe(`KvsPort conformance: ${name}`, () => {
    test('get of a missing key is undefined; set/get round-trips JSON; delete of a missing key is fine', async () => {
      const { port, run } = make();
      await run(async () => {
        expect(await port.get('missing')).toBeUndefined();
        await port.set('a', { n: [1, 'x', { deep: true }] });
        expect(await port.get('a')).toEqual({ n: [1, 'x', { deep: true }] });
        await port.delete('a');
        await port.delete('a');
        expect(await port.get('a')).toBeUndefined();
      });
    });

    test('batchSet / batchGet / batchDelete handle 25 keys and entities apart from plain keys', async () => {
      const { port, run } = make();
      await run(async () => {
        const keys = Array.from({ length: 25 }, (_, i) => `k${i}`);
        const set = await port.batchSet(keys.map((key, i) => ({ key, value: i })));
        expect(set.successfulKeys.map((k) => k.key).sort()).toEqual([...keys].sort());
        expect(set.failedKeys).toEqual([]);
        await port.batchSet([{ key: 'k0', value: { v: 'x' }, entityName: ENTITY }]);
        const got = await port.batchGet([{ key: 'k0', entityName: ENTITY }, { key: 'nope', entityName: ENTITY }]);
        expect(got.found.map((f) => [f.key, f.value])).toEqual([['k0', { v: 'x' }]]);
        expect(await port.get('k0')).toBe(0);
        await port.batchDelete(keys.map((key) => ({ key })));
        expect(await port.get('k24')).toBeUndefined();
      });
    });

    test('transact applies sets and deletes together', async () => {
      const { port, run } = make();
      await run(async () => {
        await port.set('gone', 1);
        await port.transact({ sets: [{ key: 'x', value: 'v' }, { key: 'x', entityName: ENTITY, value: { v: 'b' } }], deletes: [{ key: 'gone' }] });
        expect(await port.get('x')).toBe('v');
        expect(await port.get('gone')).toBeUndefined();
      });
    });

    test.each([
      ['absent', undefined, true],
      ['below', 'a', true],
      ['equal', 'b', false],
      ['above', 'c', false],
    ])('absentOrBelow condition when the stored version is %s', async (_case, stored, passes) => {
      const { port, run } = make();
      await run(async () => {
        if (stored !== undefined) await port.batchSet([{ key: 'ver', entityName: ENTITY, value: { v: stored } }]);
        const attempt = port.transact({
          sets: [
            { key: 'ver', entityName: ENTITY, value: { v: 'b' }, condition: { attribute: 'v', absentOrBelow: 'b' } },
            { key: 'val', value: 'new' },
          ],
          deletes: [],
        });
        const error = await attempt.then(() => undefined, (e: unknown) => e);
        expect(error === undefined).toBe(passes);
        expect(error === undefined ? 'none' : classifyFailure(error).kind).toBe(passes ? 'none' : 'conflict');
        expect(await port.get('val')).toBe(passes ? 'new' : undefined); // all or nothing
      });
    });

    test('list returns plain keys by prefix, in pages', async () => {
      const { port, run } = make();
      await run(async () => {
        await port.batchSet(['p:1', 'p:2', 'p:3', 'q:1'].map((key) => ({ key, value: key })));
        const first = await port.list('p:', { limit: 2 });
        expect(first.entries.map((e) => e.key)).toEqual(['p:1', 'p:2']);
        expect(first.nextCursor).toBeDefined();
        const second = await port.list('p:', { limit: 2, cursor: first.nextCursor });
        expect(second.entries.map((e) => e.key)).toEqual(['p:3']);
      });
    });
  });
}
