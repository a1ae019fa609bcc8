import { describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli/args.js';
import { generateEvents } from '../src/cli/events.js';

describe('CLI arguments', () => {
  it('parses run with --generate, quotas and seed', () => {
    expect(parseCli(['run', 'apps/x', '--generate', 'avi:jira:created:issue:1000:60', '--seed', '7', '--quota', 'pushEventsPerMinute=100'])).toEqual({
      appDir: 'apps/x', eventsFile: undefined, generate: { eventType: 'avi:jira:created:issue', count: 1000, windowSeconds: 60 },
      seed: 7, quotas: { pushEventsPerMinute: 100 }, realTime: false, source: undefined, runForSeconds: undefined, acceptModules: [], allowEgress: false,
    });
  });

  it('parses --allow-egress', () => {
    const cmd = parseCli(['run', 'x', '--generate', 'e:1', '--allow-egress']);
    expect(cmd === 'help' ? cmd : cmd.allowEgress).toBe(true);
  });

  it('parses --accept, repeated or comma-separated, into the module types to load inert', () => {
    const cmd = parseCli(['run', 'x', '--generate', 'e:1', '--accept', 'devops:buildInfoProvider, devops:deploymentInfoProvider', '--accept', 'jira:customField']);
    expect(cmd === 'help' ? cmd : cmd.acceptModules).toEqual(['devops:buildInfoProvider', 'devops:deploymentInfoProvider', 'jira:customField']);
  });

  it.each([
    [['run', 'x']],
    [['run', 'x', '--events', 'a', '--generate', 'e:1']],
    [['run', 'x', '--generate', 'avi:jira:created:issue']],
    [['run', 'x', '--events', 'a', '--quota', 'nope=1']],
    [['jump', 'x']],
    [['run', 'x', '--events', 'a', '--run-for', '-1']],
  ])('rejects %j', (argv) => {
    expect(() => parseCli(argv)).toThrow(TypeError);
  });

  it('answers help', () => {
    expect(parseCli(['--help'])).toBe('help');
    expect(parseCli([])).toBe('help');
  });

  it('generates product-shaped events spread over the window', () => {
    const events = generateEvents('avi:confluence:created:page', 4, 60, 0);
    expect(events.map((e) => e.atSeconds)).toEqual([0, 15, 30, 45]);
    expect(events[0]?.payload).toMatchObject({ content: { type: 'page', space: { key: 'GEN' } } });
  });
});
