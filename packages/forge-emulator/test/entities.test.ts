import { Filter, FilterConditions, ForgeKvsAPIError, Sort, WhereConditions, kvs } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import { caught, manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
type Task = { project: string; priority: number; title: string; done: boolean; extra?: unknown; weight?: number };

const ENTITIES = [
  {
    name: 'tasks',
    attributes: { project: { type: 'string' }, priority: { type: 'integer' }, title: { type: 'string' }, done: { type: 'boolean' }, weight: { type: 'float' }, extra: { type: 'any' } },
    indexes: ['priority', { name: 'by-project', partition: ['project'], range: ['priority'] }],
  },
];
const TASKS: Array<[string, Task]> = [
  ['t1', { project: 'A', priority: 3, title: 'one', done: false }],
  ['t2', { project: 'B', priority: 1, title: 'two', done: true }],
  ['t3', { project: 'A', priority: 5, title: 'three', done: false }],
  ['t4', { project: 'A', priority: 1, title: 'four', done: true }],
  ['t5', { project: 'B', priority: 4, title: 'five', done: false }],
];

async function setup() {
  const emu = make();
  const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q'], { entities: ENTITIES }), modules: { index: { q: () => undefined } } }));
  await inst.run(async () => {
    for (const [key, task] of TASKS) await kvs.entity<Task>('tasks').set(key, task);
  });
  return inst;
}
const tasks = () => kvs.entity<Task>('tasks').query();
const keysOf = (r: { results: Array<{ key: string }> }) => r.results.map((x) => x.key);

describe('custom entities are checked against app.storage.entities (real @forge/kvs client)', () => {
  it.each([
    ['entity().set', () => kvs.entity('nope').set('k', { a: 1 })],
    ['entity().get', () => kvs.entity('nope').get('k')],
    ['entity().query', () => kvs.entity('nope').query().index('a').getMany()],
    ['transact().set', () => kvs.transact().set('k', { a: 1 }, { entityName: 'nope' }).execute()],
  ])('%s on an undeclared entity fails with INVALID_ENTITY_TYPE', async (_name, call) => {
    const inst = await setup();
    const err = await caught(() => inst.run(call));
    expect(err).toBeInstanceOf(ForgeKvsAPIError);
    expect(err.code).toBe('INVALID_ENTITY_TYPE');
    expect(err.message).toContain("Entity 'nope' is not declared in the manifest (app.storage.entities)");
  });

  it('reports an undeclared entity per key in batchSet', async () => {
    const inst = await setup();
    const res = await inst.run(() => kvs.batchSet<unknown>([{ key: 'k', value: { a: 1 }, entityName: 'nope' }, { key: 'plain', value: 1 }]));
    expect(res.successfulKeys).toEqual([{ key: 'plain' }]);
    expect(res.failedKeys.map((f) => [f.key, f.error.code])).toEqual([['k', 'INVALID_ENTITY_TYPE']]);
  });

  it.each([
    ['an undeclared attribute', { project: 'A', colour: 'red' }, "attribute 'colour' is not declared"],
    ['a string for an integer', { priority: '3' }, "attribute 'priority' must be of type integer"],
    ['a fraction for an integer', { priority: 1.5 }, "attribute 'priority' must be of type integer"],
    ['a number for a boolean', { done: 1 }, "attribute 'done' must be of type boolean"],
    ['a string for a float', { weight: '0.5' }, "attribute 'weight' must be of type float"],
    ['an array instead of an object', [1, 2], 'an entity value must be an object of attributes'],
  ])('rejects a value with %s (INVALID_ENTITY_VALUE)', async (_name, value, why) => {
    const inst = await setup();
    const err = await caught(() => inst.run(() => kvs.entity('tasks').set('bad', value)));
    expect(err.code).toBe('INVALID_ENTITY_VALUE');
    expect(err.message).toContain(why);
    expect(inst.kvs.getEntity('tasks', 'bad')).toBeUndefined();
    const tx = await caught(() => inst.run(() => kvs.transact().set('bad', value, { entityName: 'tasks' }).execute()));
    expect(tx.code).toBe('INVALID_ENTITY_VALUE');
  });

  it('accepts values of the declared types (float, any, a subset of attributes)', async () => {
    const inst = await setup();
    await inst.run(() => kvs.entity<Partial<Task>>('tasks').set('ok', { weight: 0.5, extra: { deep: [1, 'x'] }, priority: 2 }));
    expect(inst.kvs.getEntity('tasks', 'ok')).toEqual({ weight: 0.5, extra: { deep: [1, 'x'] }, priority: 2 });
  });
});

describe('custom-entity query() (real @forge/kvs client)', () => {
  it('lists an index in range order, ascending or descending, keys breaking ties', async () => {
    const inst = await setup();
    const [asc, desc] = await inst.run(async () => [await tasks().index('priority').getMany(), await tasks().index('priority').sort(Sort.DESC).getMany()]);
    expect(keysOf(asc)).toEqual(['t2', 't4', 't1', 't5', 't3']);
    expect(keysOf(desc)).toEqual(['t3', 't5', 't1', 't4', 't2']);
    expect(asc.results[0]).toEqual({ key: 't2', value: TASKS[1]?.[1] });
  });

  it.each([
    ['between', WhereConditions.between(2, 4), ['t1', 't5']],
    ['equalTo', WhereConditions.equalTo(1), ['t2', 't4']],
    ['greaterThan', WhereConditions.greaterThan(3), ['t5', 't3']],
    ['lessThanEqualTo', WhereConditions.lessThanEqualTo(3), ['t2', 't4', 't1']],
  ])('where(%s) applies to the range attribute', async (_name, where, keys) => {
    const inst = await setup();
    expect(keysOf(await inst.run(() => tasks().index('priority').where(where).getMany()))).toEqual(keys);
  });

  it('matches the partition and applies and/or filters', async () => {
    const inst = await setup();
    const out = await inst.run(async () => ({
      projectA: keysOf(await tasks().index('by-project', { partition: ['A'] }).getMany()),
      openInA: keysOf(await tasks().index('by-project', { partition: ['A'] }).filters(new Filter<Task>().and('done', FilterConditions.equalTo(false))).getMany()),
      orFilter: keysOf(await tasks().index('priority').filters(new Filter<Task>().or('title', FilterConditions.beginsWith('f')).or('priority', FilterConditions.equalTo(5))).getMany()),
      one: (await tasks().index('by-project', { partition: ['B'] }).sort(Sort.DESC).getOne())?.key,
    }));
    expect(out).toEqual({ projectA: ['t4', 't1', 't3'], openInA: ['t1', 't3'], orFilter: ['t4', 't5', 't3'], one: 't5' });
  });

  it('pages with limit and cursor through every match exactly once', async () => {
    const inst = await setup();
    const seen = await inst.run(async () => {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await tasks().index('priority').limit(2).cursor(cursor ?? '').getMany();
        keys.push(...keysOf(page));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return keys;
    });
    expect(seen).toEqual(['t2', 't4', 't1', 't5', 't3']);
  });

  it('leaves out entities without the range attribute and charges read units', async () => {
    const inst = await setup();
    await inst.run(() => kvs.entity<Partial<Task>>('tasks').set('no-priority', { title: 'x' }));
    const before = inst.metrics().kvsReadUnits;
    expect(keysOf(await inst.run(() => tasks().index('priority').getMany()))).not.toContain('no-priority');
    expect(inst.metrics().kvsReadUnits).toBe(before + 1);
  });

  it.each([
    ['an unknown index', () => tasks().index('title').getMany(), 'INVALID_ENTITY_INDEX'],
    ['a missing partition', () => tasks().index('by-project').getMany(), 'INVALID_PARTITION'],
    ['a limit over 100', () => tasks().index('priority').limit(101).getMany(), 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE'],
    ['an empty Filter (the client then sends no filters)', () => tasks().index('priority').filters(new Filter<Task>()).getMany(), 'none'],
  ])('answers %s with %s', async (_name, call, code) => {
    const inst = await setup();
    const got = await inst.run(call).then(() => 'none', (e: unknown) => (e as { code?: string }).code);
    expect(got).toBe(code);
  });
});
