import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PUSH_MAX_BYTES, PUSH_MAX_EVENTS } from './limits.js';
import { jsonBytes, packBySize, packPushes } from './pack.js';

describe('packBySize', () => {
  test.each([
    [[10, 10, 10], { maxBytes: 21, maxItems: 10 }, [[0, 1], [2]]],
    [[10, 10, 10], { maxBytes: 100, maxItems: 2 }, [[0, 1], [2]]],
    [[30, 5], { maxBytes: 20, maxItems: 10 }, [[1]]],
    [[], { maxBytes: 20, maxItems: 10 }, []],
  ])('%j with %j -> %j', (sizes, limits, expected) => {
    const out = packBySize(sizes.map((bytes, item) => ({ item, bytes })), limits);
    expect(out.bins).toEqual(expected);
  });

  test('every bin respects both limits, nothing is lost or duplicated (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 60 }),
        (sizes, maxBytes, maxItems) => {
          const { bins, oversized } = packBySize(sizes.map((bytes, item) => ({ item, bytes })), { maxBytes, maxItems });
          for (const bin of bins) {
            expect(bin.length).toBeGreaterThan(0);
            expect(bin.length).toBeLessThanOrEqual(maxItems);
            const bytes = bin.reduce((s, i) => s + sizes[i]!, 0) + bin.length - 1;
            expect(bytes).toBeLessThanOrEqual(maxBytes);
          }
          const seen = [...bins.flat(), ...oversized].sort((a, b) => a - b);
          expect(seen).toEqual(sizes.map((_, i) => i));
          expect(oversized.every((i) => sizes[i]! > maxBytes)).toBe(true);
        },
      ),
    );
  });

  test('rejects limits below 1', () => {
    expect(() => packBySize([], { maxBytes: 0, maxItems: 1 })).toThrow(TypeError);
  });
});

describe('packPushes', () => {
  test('pushes hold <= 50 events and <= 200 KB of JSON, measured like the SDK (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 120 }), (sizes) => {
        const events = sizes.map((n, i) => ({ body: { i, pad: 'x'.repeat(n) } }));
        const pushes = packPushes(events);
        for (const push of pushes) {
          expect(push.length).toBeLessThanOrEqual(PUSH_MAX_EVENTS);
          expect(Buffer.byteLength(JSON.stringify(push)) / 1024).toBeLessThanOrEqual(PUSH_MAX_BYTES / 1024);
        }
        expect(pushes.flat()).toEqual(events);
      }),
      { numRuns: 30 },
    );
  });

  test('120 tiny events need 3 pushes', () => {
    expect(packPushes(Array.from({ length: 120 }, (_, i) => ({ body: { i } }))).map((p) => p.length)).toEqual([50, 50, 20]);
  });

  test('an event larger than a push is refused', () => {
    expect(() => packPushes([{ body: { pad: 'x'.repeat(PUSH_MAX_BYTES) } }])).toThrow(RangeError);
  });

  test('jsonBytes counts UTF-8 bytes', () => {
    expect(jsonBytes('é')).toBe(4);
  });
});
