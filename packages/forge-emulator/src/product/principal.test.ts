import { describe, expect, it } from 'vitest';
import { resolvePrincipal } from './service.js';

describe('resolvePrincipal', () => {
  it.each([
    ['asApp()', { provider: 'app' }, undefined, { kind: 'app' }],
    ['plain requestJira', { provider: 'none' }, 'u-1', { kind: 'app' }],
    ['asUser(id)', { provider: 'user', accountId: 'u-2' }, 'u-1', { kind: 'user', accountId: 'u-2' }],
    ["asUser() in an invocation with a user", { provider: 'user' }, 'u-1', { kind: 'user', accountId: 'u-1' }],
  ])('%s', (_name, target, accountId, expected) => {
    expect(resolvePrincipal(target, { installationId: 'i', accountId })).toEqual(expected);
  });

  it('refuses asUser() when neither the call nor the invocation names a user', () => {
    expect(resolvePrincipal({ provider: 'user' }, { installationId: 'i', accountId: undefined })).toEqual({ error: expect.stringMatching(/asUser\(\) needs a user/) as unknown });
  });
});
