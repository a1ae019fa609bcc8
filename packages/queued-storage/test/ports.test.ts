import { createEmulator, type Emulator } from '@forge-queue/forge-emulator';
import { afterEach } from 'vitest';
import { forgeKvs } from '../src/adapters/forge-kvs.js';
import { forgeQueue } from '../src/adapters/forge-queue.js';
import { memoryKvs, memoryQueue } from '../src/adapters/memory.js';
import { VERSION_ENTITY_DECLARATION } from '../src/versions.js';
import { kvsPortConformance } from './conformance/kvs-port.js';
import { queuePortConformance } from './conformance/queue-port.js';

const direct = <T>(fn: () => Promise<T>) => fn();

kvsPortConformance('memory', () => ({ port: memoryKvs(), run: direct }));
queuePortConformance('memory', () => ({ port: memoryQueue(), run: direct }));

let emu: Emulator | undefined;
afterEach(() => {
  emu?.dispose();
  emu = undefined;
});

/** One emulated installation; the real SDK clients run inside `inst.run`. */
function installation() {
  emu = createEmulator({ seed: 3 });
  const app = emu.defineApp({
    manifest: {
      app: { id: 'ari:cloud:ecosystem::app/12345678-1234-4234-8234-123456789abc', runtime: { name: 'nodejs22.x' }, storage: { entities: [VERSION_ENTITY_DECLARATION] } },
      permissions: { scopes: ['storage:app'] },
      modules: { consumer: [{ key: 'c', queue: 'storage-queue', function: 'consume' }], function: [{ key: 'consume', handler: 'index.consume' }] },
    },
    modules: { index: { consume: () => undefined } },
  });
  const inst = emu.install(app);
  return <T>(fn: () => Promise<T>) => inst.run(fn);
}

kvsPortConformance('@forge/kvs on the emulator', () => ({ port: forgeKvs(), run: installation() }));
queuePortConformance('@forge/events on the emulator', () => ({ port: forgeQueue('storage-queue'), run: installation() }));
