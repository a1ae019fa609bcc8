import { InvocationError, InvocationErrorCode } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { formatDrops, formatSummary } from '../src/cli/summary.js';
import { useEmulator } from './helpers.js';

const make = useEmulator();

describe('CLI summary', () => {
  it('reports each dropped event with the error behind it, grouped and counted', async () => {
    const emu = make({ delivery: { maxRetries: 1 } });
    const manifest = {
      modules: {
        trigger: [{ key: 't', function: 'boom', events: ['avi:jira:created:issue'] }, { key: 't2', function: 'later', events: ['avi:jira:updated:issue'] }],
        function: [{ key: 'boom', handler: 'index.boom' }, { key: 'later', handler: 'index.later' }],
      },
    };
    const app = emu.defineApp({
      manifest,
      modules: {
        index: {
          boom: () => {
            throw new TypeError('issue.fields is undefined');
          },
          later: () => new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED }),
        },
      },
    });
    const site = emu.install(app);
    for (let i = 0; i < 3; i++) site.fireProductEvent('avi:jira:created:issue', { issue: { key: `A-${i}` } });
    site.fireProductEvent('avi:jira:updated:issue', { issue: { key: 'B-1' } });
    await emu.runUntilIdle();
    const lines = formatDrops(emu.inspect().dropped);
    expect(lines[0]).toBe('dropped by reason: retry-cap=4');
    expect(lines[2]).toMatch(/^ {2}3 x trigger boom, retry-cap after 2 attempts: TypeError: issue\.fields is undefined \(e\.g\. event [\w-]+\)$/);
    expect(lines[3]).toMatch(/^ {2}1 x trigger later, retry-cap after 2 attempts: InvocationError FUNCTION_UPSTREAM_RATE_LIMITED \(retryAfter 5 s\)/);
    const summary = formatSummary({ metrics: emu.metrics(), inspect: emu.inspect(), keys: 0, events: 4, wallMs: 1 });
    expect(summary).toContain('events dropped                4');
    expect(summary).toContain('TypeError: issue.fields is undefined');
  });

  it('prints nothing about drops when there were none', () => {
    expect(formatDrops([])).toEqual([]);
  });
});
