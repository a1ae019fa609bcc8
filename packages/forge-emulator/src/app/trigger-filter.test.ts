import { describe, expect, it } from 'vitest';
import { ManifestError } from '../errors.js';
import { applyTriggerFilter, parseTriggerFilter } from './trigger-filter.js';

const bug = { eventType: 'avi:jira:updated:issue', issue: { key: 'A-1', fields: { issueType: { name: 'Bug' }, project: { key: 'A' }, labels: ['x', 'hot'], priority: null } } };
const verdict = (expression: string, onError?: string) => applyTriggerFilter(parseTriggerFilter({ expression, ...(onError === undefined ? {} : { onError }) }, 't'), bug);

describe('filter.expression (Jira expression subset)', () => {
  it.each([
    ["event.issue.fields?.issueType.name == 'Bug'", true],
    ["event.issue.fields.issueType.name != 'Bug'", false],
    ["['A', 'B'].includes(event.issue.fields.project.key)", true],
    ["event.issue.fields.labels.some(l => l == 'hot') && !event.issue.fields.labels.includes('cold')", true],
    ['event.issue.fields.labels.length >= 3', false],
    ["event.issue.key.startsWith('A-') || false", true],
    ['event.issue.fields.priority?.name == null', true],
    ["event.issue.fields.missing == null ? true : false", true],
    ['(1 + 2) * 3 == 9 && 7 % 4 == 3', true],
  ])('%s -> delivered %s', (expression, deliver) => {
    expect(verdict(expression)).toEqual({ deliver });
  });

  it.each([
    ['IGNORE_AND_LOG', false, true],
    ['IGNORE', false, false],
    ['RECEIVE', true, false],
    ['RECEIVE_AND_LOG', true, true],
  ])('an evaluation error follows onError %s (deliver %s, log %s)', (onError, deliver, logged) => {
    const v = verdict('event.issue.fields.priority.name == "High"', onError);
    expect(v.deliver).toBe(deliver);
    expect(v.log === undefined ? 'none' : v.log).toMatch(logged ? /cannot read/ : /^none$/);
  });

  it('treats a non-boolean result as an error', () => {
    expect(verdict('event.issue.key')).toMatchObject({ deliver: false, log: expect.stringContaining('not a boolean') as unknown });
  });

  it('ignoreSelf drops self-generated Jira events only', () => {
    const f = parseTriggerFilter({ ignoreSelf: true }, 't');
    expect(applyTriggerFilter(f, { ...bug, selfGenerated: true })).toEqual({ deliver: false });
    expect(applyTriggerFilter(f, { ...bug, selfGenerated: false })).toEqual({ deliver: true });
    expect(applyTriggerFilter(f, { eventType: 'avi:confluence:created:page', selfGenerated: true })).toEqual({ deliver: true });
  });

  it.each([
    [{ expression: 'event.issue.key = 1' }, 'syntax the emulator does not evaluate'],
    [{ expression: 'event.issue.key ~ 1' }, 'syntax the emulator does not evaluate'],
    [{ onError: 'RECEIVE' }, 'only with filter.expression'],
    [{ expression: 'true', onError: 'LOUD' }, 'onError must be one of'],
    [{ ignoreSelf: 'yes' }, 'ignoreSelf must be a boolean'],
    [{ ignoreself: true }, 'unknown properties'],
  ])('refuses %j at manifest load', (raw, message) => {
    expect(() => parseTriggerFilter(raw, 't')).toThrow(ManifestError);
    expect(() => parseTriggerFilter(raw, 't')).toThrow(message);
  });
});
