import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { repoRoot } from './support/paths.js';

interface Rule {
  description?: string;
  matchPackageNames?: string[];
  matchUpdateTypes?: string[];
  groupName?: string;
  enabled?: boolean;
}
const config = async () => JSON.parse(await readFile(`${repoRoot}renovate.json`, 'utf8')) as { packageRules: Rule[] };

test('renovate.json groups every @forge/* package into one update', async () => {
  const { packageRules } = await config();
  expect(packageRules.filter((rule) => rule.matchPackageNames?.includes('@forge/**')).map((rule) => rule.groupName)).toEqual(['Forge packages']);
});

test.each(['vitest', '@changesets/cli', 'pnpm'])('renovate.json holds back majors of %s, which need Node 22, saying why', async (name) => {
  const { packageRules } = await config();
  const held = packageRules.filter((rule) => rule.matchPackageNames?.includes(name) && rule.enabled === false);
  expect(held.map((rule) => rule.matchUpdateTypes)).toEqual([['major']]);
  expect(held[0]?.description).toMatch(/Node\.js 22/);
});
