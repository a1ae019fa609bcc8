import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Scenario } from '../try-app.js';

/**
 * culmat/information-classification (Confluence; `@forge/kvs` 1, `@forge/events` 2, `@forge/realtime`):
 * the global and space configuration resolvers (KVS), a page's classification (content properties),
 * the reclassify resolver (CQL on the app's content-property search alias, then a push to
 * `classification-queue`), and one reclassify event pushed with the app's own `Queue` so that its
 * modern consumer runs (it publishes progress with `@forge/realtime` and keeps job state in KVS).
 */
const scenario: Scenario = async ({ emu, site, appDir, call }) => {
  const levels = [
    { id: 'public', name: { en: 'Public' }, color: 'green', allowed: true, requiresProtection: false },
    { id: 'internal', name: { en: 'Internal' }, color: 'blue', allowed: true, requiresProtection: false },
  ];
  const config = { languages: [{ code: 'en', label: 'English' }], levels, defaultLevelId: 'internal', contacts: [], links: [] };
  await call('resolver', 'getConfig');
  await call('resolver', 'setConfig', { config });
  await call('resolver', 'getConfig');
  await call('resolver', 'setSpaceConfig', { spaceKey: 'ENG', config: { allowedLevelIds: ['internal'], defaultLevelId: 'internal' } });
  await call('resolver', 'getSpaceConfig', { spaceKey: 'ENG' });
  await call('resolver', 'setSpaceConfig', { spaceKey: 'ENG', config: { allowedLevelIds: ['secret'] } });
  await call('resolver', 'getVersionInfo');
  const page = emu.product.site('wild-site').page(1);
  await call('resolver', 'getClassification', { pageId: page.id, spaceKey: 'ENG' });
  await call('resolver', 'countLevelUsage', { levelId: 'public' });
  await call('resolver', 'reclassifyLevel', { fromLevelId: 'public', toLevelId: 'internal' });
  // The consumer, reached directly: push the event the reclassify resolver would push.
  const { Queue } = createRequire(join(appDir, 'package.json'))('@forge/events') as { Queue: new (o: { key: string }) => { push(e: object): Promise<{ jobId: string }> } };
  const pushed = await site.run(() => new Queue({ key: 'classification-queue' }).push({ body: { fromLevelId: 'public', toLevelId: 'internal', accountId: emu.product.site('wild-site').admin.accountId, locale: 'en', totalToClassify: 3 } }));
  console.log('PUSHED', pushed);
  await emu.runUntilIdle();
};
export default scenario;
