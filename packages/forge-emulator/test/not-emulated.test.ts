import { invokeRemote, invokeService } from '@forge/api';
import { describe, expect, it } from 'vitest';
import { manifestFor, useEmulator } from './helpers.js';

const make = useEmulator();

describe('runtime requests the emulator does not serve', () => {
  it('make @forge/api throw naming what is not emulated and DIFFERENCES.md (Forge Remote, Forge Containers)', async () => {
    const emu = make();
    const inst = emu.install(emu.defineApp({ manifest: manifestFor(['q']), modules: { index: { q: () => undefined } } }));
    await expect(inst.run(() => invokeRemote('my-remote', { path: '/jobs', method: 'POST' }))).rejects.toThrow(
      /501 - NOT_EMULATED \(\[forge-emulator\] Forge Remote \(invokeRemote\): \/jobs is not emulated; see DIFFERENCES\.md/,
    );
    await expect(inst.run(() => invokeService('worker', { path: '/run' }))).rejects.toThrow(/NOT_EMULATED .*Forge Containers \(invokeService\).*DIFFERENCES\.md/);
  });
});
