import { describe, expect, test } from 'vitest';
import { ProducerLog } from './producerLog.js';

describe('ProducerLog', () => {
  test('keeps producer order per key and the last write as the final value', () => {
    const log = new ProducerLog();
    log.record('k', 1);
    log.record('k', 2);
    log.record('j', 'x');
    expect(log.requested).toBe(3);
    expect(log.finalValues()).toEqual(new Map<string, unknown>([['k', 2], ['j', 'x']]));
  });

  test('a repeated write (a retried trigger) counts once and moves to the end', () => {
    const log = new ProducerLog();
    log.record('k', 1);
    log.record('k', 2);
    log.record('k', 1);
    expect(log.requested).toBe(2);
    expect(log.finalValues().get('k')).toBe(1);
    expect(log.printsFor('k')).toEqual(['2', '1']);
  });

  test('writes asked for but never performed stay after the performed ones', () => {
    const log = new ProducerLog();
    log.expect('k', 1);
    log.expect('k', 2);
    log.expect('k', 3);
    log.record('k', 1);
    expect(log.requested).toBe(3);
    expect(log.printsFor('k')).toEqual(['1', '2', '3']);
    expect(log.performedCount('k')).toBe(1);
    expect(log.finalValues().get('k')).toBe(1);
  });

  test('without observed performance the order is the order asked for', () => {
    const log = new ProducerLog();
    log.expect('k', 'a');
    log.expect('k', 'b');
    log.expect('k', 'a');
    expect(log.printsFor('k')).toEqual(['"a"', '"b"']);
    expect(log.finalValues().get('k')).toBe('b');
  });
});
