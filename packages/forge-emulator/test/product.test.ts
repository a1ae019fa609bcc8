import api, { asApp, asUser, assumeTrustedRoute, requestJira, route } from '@forge/api';
import { describe, expect, it } from 'vitest';
import { manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();
const setup = (opts: Parameters<ReturnType<typeof useEmulator>>[0] = {}) => {
  const emu = make(opts);
  const app = emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } });
  return { emu, inst: emu.install(app, { installationId: 'site-1' }) };
};
type Res = { status: number; json(): Promise<unknown> };
/** A product JSON body, typed loosely for the assertions below. */
interface Body {
  [k: string]: unknown;
  errorMessages: string[];
  message: string;
  issues: Array<{ key: string }>;
  nextPageToken?: string;
  isLast: boolean;
  results: Array<{ id: string; content: { type: string } }>;
  _links: { next?: string };
  key: string;
}
const json = async (p: Promise<Res>): Promise<[number, Body]> => {
  const r = await p;
  return [r.status, (await r.json()) as Body];
};
const jira = (path: string, init?: object) => asApp().requestJira(assumeTrustedRoute(path), init) as Promise<Res>;
const searchAll = async (run: <T>(fn: () => Promise<T>) => Promise<T>, jql: string, maxResults: number): Promise<string[]> => {
  return run(async () => {
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    do {
      const [status, page] = await json(asApp().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body: JSON.stringify({ jql, maxResults, fields: ['key'], nextPageToken }) }));
      expect(status).toBe(200);
      keys.push(...page.issues.map((i) => i.key));
      nextPageToken = page.nextPageToken;
      expect(page.isLast).toBe(nextPageToken === undefined);
    } while (nextPageToken !== undefined);
    return keys;
  });
};

describe('product REST through the real @forge/api (requestJira, requestConfluence, requestGraph)', () => {
  it('serves GET /rest/api/3/issue/{id} by key or id from the seeded fixture site, the same for the same seed', async () => {
    const { inst, emu } = setup({ seed: 7 });
    const [status, issue] = await inst.run(() => json(asApp().requestJira(route`/rest/api/3/issue/${'DEMO-1'}`) as Promise<Res>));
    expect(status).toBe(200);
    expect(issue).toMatchObject({ id: '10001', key: 'DEMO-1', fields: { project: { key: 'DEMO' } } });
    const [, byId] = await inst.run(() => json(requestJira(route`/rest/api/3/issue/10001?fields=summary`) as Promise<Res>));
    expect(byId).toEqual({ id: '10001', key: 'DEMO-1', self: issue.self, fields: { summary: (issue.fields as { summary: string }).summary } });
    expect(emu.product.site('site-1').issue(1)).toEqual(issue);
    emu.dispose();
    const again = setup({ seed: 7 });
    expect(again.emu.product.site('site-1').issue(1)).toEqual(issue);
    const [missing] = await again.inst.run(() => json(jira('/rest/api/3/issue/DEMO-999999')));
    expect(missing).toBe(404);
  });

  it('pages a 50,000-issue site with POST /rest/api/3/search/jql and nextPageToken (generated lazily)', async () => {
    const { emu, inst } = setup();
    const site = emu.product.site('site-1');
    expect(site.issueCount).toBe(50_000);
    const keys = await searchAll((fn) => inst.run(fn), 'project = DEMO ORDER BY id ASC', 1000);
    expect(keys).toHaveLength(25_000);
    expect(new Set(keys).size).toBe(25_000);
    expect([keys[0], keys.at(-1)]).toEqual(['DEMO-1', 'DEMO-25000']);
    const both = await searchAll((fn) => inst.run(fn), 'project in (DEMO, OPS) AND id > 35000', 5000);
    expect(both).toHaveLength(50_000 - 25_000);
    expect(site.issueRef(30_000)).toEqual({ id: site.issue(30_000).id, key: site.issue(30_000).key, self: site.issue(30_000).self });
  }, 60_000);

  it.each([
    ['an unsupported clause', 'summary ~ "login"', /summary ~ "login".*not emulated.*DIFFERENCES\.md/],
    ['an unbounded query', 'ORDER BY id', /Unbounded JQL queries are not allowed/],
  ])('answers 400 to %s', async (_name, jql, message) => {
    const { inst } = setup();
    const [status, body] = await inst.run(() => json(jira('/rest/api/3/search/jql', { method: 'POST', body: JSON.stringify({ jql }) })));
    expect(status).toBe(400);
    expect(body.errorMessages[0]).toMatch(message);
  });

  it.each([
    ['every issue', 'id >= 0 ORDER BY id ASC'],
    ['one project above an id', 'project = OPS AND id > 10900'],
    ['a field filter', 'project = DEMO AND status = "Done"'],
  ])('counts %s with POST /rest/api/3/search/approximate-count as the search pages them', async (_name, jql) => {
    const { inst } = setup({ site: { issues: 2000 } });
    const [status, body] = await inst.run(() => json(asApp().requestJira(route`/rest/api/3/search/approximate-count`, { method: 'POST', body: JSON.stringify({ jql }) })));
    expect(status).toBe(200);
    const keys = await searchAll((fn) => inst.run(fn), jql, 100);
    expect(keys.length).toBeGreaterThan(0);
    expect(body).toEqual({ count: keys.length });
  });

  it('filters by created / updated dates, relative to the emulator clock or absolute (UTC)', async () => {
    // The fixture site's issue n of N was created (N - n + 1) minutes before the site's epoch, the emulator's start.
    const { inst } = setup({ site: { issues: 2000 } });
    const count = async (jql: string): Promise<unknown> => (await inst.run(() => json(jira('/rest/api/3/search/approximate-count', { method: 'POST', body: JSON.stringify({ jql }) }))))[1];
    const lastHour = await searchAll((fn) => inst.run(fn), 'created >= -60m ORDER BY id ASC', 100);
    expect(lastHour).toHaveLength(60);
    // Issues 1..1000 are DEMO, 1001..2000 OPS: the last hour is OPS-941..OPS-1000.
    expect([lastHour[0], lastHour.at(-1)]).toEqual(['OPS-941', 'OPS-1000']);
    expect(await count('created >= -60m')).toEqual({ count: 60 });
    expect(await count('project = OPS AND created < "2025-12-31 23:00"')).toEqual({ count: 1000 - 60 });
    expect(await count('project = DEMO AND created < "2025-12-31 23:00"')).toEqual({ count: 1000 });
    const [status, body] = await inst.run(() => json(jira('/rest/api/3/search/jql', { method: 'POST', body: JSON.stringify({ jql: 'created >= startOfDay()' }) })));
    expect(status).toBe(400);
    expect(body.errorMessages[0]).toMatch(/not emulated/);
  });

  it('answers 400 to an unbounded approximate-count', async () => {
    const { inst } = setup({ site: { issues: 10 } });
    const [status, body] = await inst.run(() => json(jira('/rest/api/3/search/approximate-count', { method: 'POST', body: JSON.stringify({ jql: 'ORDER BY id' }) })));
    expect(status).toBe(400);
    expect(body.errorMessages[0]).toMatch(/Unbounded JQL queries are not allowed/);
  });

  it('answers the admin check for asUser(admin), asUser(non-admin) and asApp()', async () => {
    const { emu, inst } = setup();
    const { admin, user } = emu.product.site('site-1');
    const check = (who: string) => inst.run(async () => {
      const client = who === 'app' ? asApp() : asUser(who);
      const [, mine] = await json(client.requestJira(route`/rest/api/3/mypermissions?permissions=${'ADMINISTER'}`));
      const [, checked] = await json(client.requestJira(route`/rest/api/3/permissions/check`, { method: 'POST', body: JSON.stringify({ globalPermissions: ['ADMINISTER'] }) }));
      const [, wiki] = await json(client.requestConfluence(route`/wiki/rest/api/user/current?expand=operations`));
      const ops = (wiki.operations ?? []) as Array<{ operation: string }>;
      return [(mine.permissions as { ADMINISTER: { havePermission: boolean } }).ADMINISTER.havePermission, checked.globalPermissions, ops.some((o) => o.operation === 'administer')];
    });
    expect(await check(admin.accountId)).toEqual([true, ['ADMINISTER'], true]);
    expect(await check(user.accountId)).toEqual([false, [], false]);
    expect(await check('app')).toEqual([false, [], false]);
  });

  it('refuses asUser() without an account id when the invocation has no user', async () => {
    const { inst } = setup();
    const [status, body] = await inst.run(() => json(asUser().requestJira(route`/rest/api/3/myself`) as Promise<Res>));
    expect(status).toBe(401);
    expect(body.message).toMatch(/asUser\(\) needs a user/);
  });

  it('serves Confluence pages (v2 cursor paging) and CQL search', async () => {
    const { inst, emu } = setup({ site: { pages: 120, spaces: ['ENG', 'DOCS'] } });
    const ids = await inst.run(async () => {
      const seen: string[] = [];
      let next: string | undefined = '/wiki/api/v2/pages?limit=50&space-id=1000';
      while (next !== undefined) {
        const [, page] = await json(asApp().requestConfluence(assumeTrustedRoute(next)));
        seen.push(...page.results.map((p) => p.id));
        next = page._links.next;
      }
      return seen;
    });
    expect(ids).toHaveLength(60);
    expect(ids.every((id) => emu.product.site('site-1').findPage(id)?.spaceId === '1000')).toBe(true);
    const [status, found] = await inst.run(() => json(api.asApp().requestConfluence(route`/wiki/rest/api/search?cql=${'type = page AND space = DOCS'}&limit=${25}`) as Promise<Res>));
    expect(status).toBe(200);
    expect([found.totalSize, found.size, found.results[0]?.content.type]).toEqual([60, 25, 'page']);
  });

  it('serves a Confluence space by id (v2) and a user by account id (v1), 404 for unknown ones', async () => {
    const { inst, emu } = setup({ site: { spaces: ['ENG', 'DOCS'] } });
    const user = emu.product.site('site-1').user;
    const answers = await inst.run(async () => [
      await json(asApp().requestConfluence(route`/wiki/api/v2/spaces/${'1001'}`) as Promise<Res>),
      await json(asApp().requestConfluence(route`/wiki/api/v2/spaces/${'999'}`) as Promise<Res>),
      await json(asApp().requestConfluence(route`/wiki/rest/api/user?accountId=${user.accountId}`) as Promise<Res>),
      await json(asApp().requestConfluence(route`/wiki/rest/api/user?accountId=${'nobody'}`) as Promise<Res>),
    ]);
    expect(answers.map(([status]) => status)).toEqual([200, 404, 200, 404]);
    expect(answers[0]?.[1]).toMatchObject({ id: '1001', key: 'DOCS', type: 'global', status: 'current' });
    expect(answers[2]?.[1]).toMatchObject({ type: 'known', accountId: user.accountId, displayName: user.displayName, publicName: user.displayName });
    expect(emu.product.unserved()).toEqual([]);
  });

  it('answers a content permission check for a site user (read, update), 404 for unknown pages and users, 400 naming DIFFERENCES.md otherwise', async () => {
    const { inst, emu } = setup({ site: { pages: 10 } });
    const user = emu.product.site('site-1').user;
    const check = (pageId: string, body: object) =>
      json(asApp().requestConfluence(route`/wiki/rest/api/content/${pageId}/permission/check`, { method: 'POST', body: JSON.stringify(body) }));
    const subject = { type: 'user', identifier: user.accountId };
    const answers = await inst.run(async () => [
      await check('100001', { subject, operation: 'read' }),
      await check('100001', { subject, operation: 'update' }),
      await check('999999', { subject, operation: 'read' }),
      await check('100001', { subject: { type: 'user', identifier: 'nobody' }, operation: 'read' }),
      await check('100001', { subject, operation: 'delete' }),
      await check('100001', { subject: { type: 'group', identifier: 'g-1' }, operation: 'read' }),
    ]);
    expect(answers.map(([status]) => status)).toEqual([200, 200, 404, 404, 400, 400]);
    expect(answers[0]?.[1]).toEqual({ hasPermission: true, errors: [] });
    expect(answers[4]?.[1].message).toMatch(/operation 'delete' is not emulated.*DIFFERENCES\.md/);
    expect(answers[5]?.[1].message).toMatch(/subject \{ type: 'user'.*DIFFERENCES\.md/);
  });

  it('answers a request no route serves with 501 naming DIFFERENCES.md, and logs it', async () => {
    const { emu, inst } = setup();
    const [status, body] = await inst.run(() => json(jira('/rest/api/3/dashboard?maxResults=5')));
    expect(status).toBe(501);
    expect(body.errorMessages[0]).toMatch(/GET \/rest\/api\/3\/dashboard\?maxResults=5 \(jira\) is not emulated.*DIFFERENCES\.md/);
    expect(emu.product.unserved()).toEqual([expect.objectContaining({ installationId: 'site-1', product: 'jira', method: 'GET', path: '/rest/api/3/dashboard?maxResults=5', principal: { kind: 'app' } })]);
  });

  it('serves routes registered by tests (per installation, overriding built-ins) and GraphQL resolvers', async () => {
    const { emu, inst } = setup();
    const props = new Map<string, unknown>();
    emu.product.route('jira', 'PUT', '/rest/api/3/issue/{id}/properties/{key}', (req) => {
      props.set(`${req.params.id ?? ''}/${req.params.key ?? ''}`, req.body);
      return { status: 200, body: {} };
    }, { installationId: 'site-1' });
    const off = emu.product.route('jira', 'GET', '/rest/api/3/issue/{id}', (req) => ({ status: 200, body: { id: req.params.id, overridden: true } }));
    const [put] = await inst.run(() => json(jira('/rest/api/3/issue/10001/properties/sync', { method: 'PUT', body: JSON.stringify({ at: 1 }) })));
    expect([put, props.get('10001/sync')]).toEqual([200, { at: 1 }]);
    expect((await inst.run(() => json(jira('/rest/api/3/issue/10001'))))[1]).toEqual({ id: '10001', overridden: true });
    off();
    expect((await inst.run(() => json(jira('/rest/api/3/issue/10001'))))[1].key).toBe('DEMO-1');

    const gql = () => inst.run(() => json(asApp().requestGraph('query { me { user { accountId } } }') as Promise<Res>));
    expect((await gql())[0]).toBe(501);
    emu.product.graphql(/\bme\b/, (_vars, req) => ({ me: { user: { accountId: req.principal.kind } } }));
    expect(await gql()).toEqual([200, { data: { me: { user: { accountId: 'app' } } } }]);
  });

  it('serves GET /rest/api/3/project/search, never as project "search" of /project/{idOrKey}, whatever was registered later', async () => {
    const { emu, inst } = setup();
    const search = () => inst.run(() => json(asUser(emu.product.site('site-1').admin.accountId).requestJira(route`/rest/api/3/project/search?maxResults=${100}&orderBy=${'name'}`) as Promise<Res>));
    const [status, body] = await search();
    expect([status, (body.values as Array<{ key: string }>).map((p) => p.key)]).toEqual([200, ['DEMO', 'OPS']]);
    emu.product.route('jira', 'GET', '/rest/api/3/project/{key}', (req) => ({ status: 200, body: { key: req.params.key, overridden: true } }));
    expect((await search())[1].total).toBe(2);
    expect((await inst.run(() => json(jira('/rest/api/3/project/DEMO'))))[1]).toEqual({ key: 'DEMO', overridden: true });
  });

  it('rejects bad site options with a TypeError', () => {
    expect(() => make({ site: { projects: ['lower'] } })).toThrow(TypeError);
    expect(() => make({ site: { users: [{ accountId: 'a', displayName: 'A', emailAddress: 'a@x', admin: true }] } })).toThrow(/one admin and one non-admin/);
  });
});
