import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('examples/quick-start.ts (the README quick start)', () => {
  it('runs as a script: loads the app folder, fires events, drains, shows KVS, metrics and the attempt log', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/quick-start.ts'], { cwd: root, env: { ...process.env, VITEST: undefined } });
    expect(stdout).toContain("{ summary: 'Issue DEMO-1', at: '2026-01-01T00:00:00.000Z' }");
    expect(stdout).toContain('3 keys');
    expect(stdout.replace(/\s+/g, ' ')).toContain('{ invocations: 6, pushes: 3, kvsRequests: 3, kvsWriteUnits: 3, eventsDropped: 0 }');
    expect(stdout.match(/'trigger on-issue ok'/g)).toHaveLength(3);
    expect(stdout.match(/'consumer write ok'/g)).toHaveLength(3);
  }, 60_000);
});
