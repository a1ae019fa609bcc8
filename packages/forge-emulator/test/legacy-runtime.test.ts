import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { older } from '../src/app/legacy-runtime.js';
import { ManifestError } from '../src/index.js';
import { useEmulator } from './helpers.js';

const make = useEmulator();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An app folder: manifest with one function `index.run`, the given files (paths relative to it). */
function appDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'legacy-runtime-'));
  dirs.push(root);
  const all = { 'manifest.yml': 'modules:\n  function:\n    - key: run\n      handler: index.run\n', ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
const pkg = (name: string, version: string) => JSON.stringify({ name, version, main: 'index.js' });

describe('SDKs of the retired sandbox runtime and UI Kit 1 are refused by name', () => {
  it('refuses an app whose installed @forge/events predates the Node.js runtime (0.8.0), and loads one from 0.8.0 on', async () => {
    const old = appDir({ 'src/index.js': 'exports.run = () => 1;', 'node_modules/@forge/events/package.json': pkg('@forge/events', '0.5.3') });
    const emu = make();
    const err: unknown = await emu.loadApp(old).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as Error).message).toMatch(/not emulated: @forge\/events 0\.5\.3 \(Node\.js runtime support from 0\.8\.0\) reads the legacy JavaScript sandbox runtime's global\.api.*DIFFERENCES\.md/);
    const ok = appDir({ 'src/index.js': 'exports.run = () => 1;', 'node_modules/@forge/events/package.json': pkg('@forge/events', '0.9.1') });
    expect(await emu.install(await emu.loadApp(ok)).invoke('run')).toBe(1);
  });

  it('names UI Kit 1 when a handler module with @forge/ui JSX cannot load ("React is not defined")', async () => {
    const root = appDir({
      'src/index.jsx': "import ForgeUI, { render, Text } from '@forge/ui';\nexport const run = render(<Text content=\"hi\" />);\n",
      'node_modules/@forge/ui/package.json': pkg('@forge/ui', '1.11.0'),
      'node_modules/@forge/ui/index.js': 'exports.render = (x) => x; exports.Text = "Text"; exports.default = { createElement: () => ({}) };',
    });
    const err: unknown = await make().loadApp(root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as Error).message).toMatch(/React is not defined \(UI Kit 1: .*not emulated.*DIFFERENCES\.md/);
  });

  it('compares versions numerically, ignoring pre-release tags', () => {
    const rows: Array<[string, boolean]> = [['0.5.3', true], ['0.7.99', true], ['0.8.0-next.0', false], ['0.8.0', false], ['0.10.0', false], ['1.0.3', false], ['x', false]];
    expect(rows.map(([v]) => [v, older(v, [0, 8, 0])])).toEqual(rows);
  });
});
