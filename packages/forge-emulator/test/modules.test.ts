import { describe, expect, it } from 'vitest';
import { ManifestError } from '../src/index.js';
import { useEmulator } from './helpers.js';

const make = useEmulator();
const fn = { function: [{ key: 'f', handler: 'index.f' }] };
const modules = { index: { f: () => undefined } };

describe('module types', () => {
  it.each([
    [{ 'jira:workflowValidator': [{ key: 'v', function: 'f', expression: 'true' }] }, "module 'jira:workflowValidator' (v)"],
    [{ 'rovo:agent': [{ key: 'agent' }], 'jira:customField': [{ key: 'cf' }] }, "module 'rovo:agent' (agent); module 'jira:customField' (cf)"],
    [{ 'not:aModule': [{ key: 'x' }] }, "module 'not:aModule' (x)"],
    [{ trigger: [{ key: 'remote', endpoint: 'ep', events: ['avi:jira:created:issue'] }] }, 'trigger \'remote\' (Forge Remote endpoint "ep")'],
  ])('refuses what it does not emulate, naming it and DIFFERENCES.md: %j', (extra, named) => {
    const emu = make();
    const define = () => emu.defineApp({ manifest: { modules: { ...fn, ...extra } }, modules });
    expect(define).toThrow(ManifestError);
    expect(define).toThrow(named);
    expect(define).toThrow('DIFFERENCES.md');
  });

  it('refuses top-level sections with behaviour (connectModules, services)', () => {
    const emu = make();
    expect(() => emu.defineApp({ manifest: { modules: fn, connectModules: { 'jira:lifecycle': [{ key: 'l' }] } }, modules })).toThrow("top-level 'connectModules'");
  });

  it('accepts UI-only modules and resources, inert', () => {
    const emu = make();
    const manifest = {
      modules: { ...fn, 'jira:adminPage': [{ key: 'admin', resource: 'ui', resolver: { function: 'f' }, title: 'Admin' }], 'confluence:globalSettings': [{ key: 'gs', resource: 'ui', title: 'S' }] },
      resources: [{ key: 'ui', path: 'static/ui' }],
    };
    expect(emu.defineApp({ manifest, modules }).functionKeys).toEqual(['f']);
  });

  it('loads a refused module type inert when the caller accepts it explicitly', () => {
    const emu = make();
    const manifest = { modules: { ...fn, 'jira:customField': [{ key: 'cf' }] } };
    expect(emu.defineApp({ manifest, modules, acceptModules: ['jira:customField'] }).functionKeys).toEqual(['f']);
  });
});
