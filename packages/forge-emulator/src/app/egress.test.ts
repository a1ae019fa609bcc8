import { describe, expect, test } from 'vitest';
import { egressVerdict, parseEgress } from './egress.js';

const rules = (backend: unknown[], remotes: unknown[] = []) => parseEgress({ permissions: { external: { fetch: { backend } } }, remotes });
const allowed = (r: ReturnType<typeof rules>, url: string) => egressVerdict(r, new URL(url)).allowed;

describe('egress allow-list', () => {
  test.each<[string, unknown[], string, boolean]>([
    ['an exact host', ['api.example.com'], 'https://api.example.com/v1/x', true],
    ['another host', ['api.example.com'], 'https://example.com/', false],
    ['a scheme and path in the entry grant the whole host', ['https://api.example.com/only/this'], 'https://api.example.com/other?q=1', true],
    ['a wildcard covers subdomains', ['*.example.com'], 'https://a.b.example.com/', true],
    ['a wildcard does not cover its parent', ['*.example.com'], 'https://example.com/', false],
    ['a wildcard is not a bare suffix', ['*.example.com'], 'https://badexample.com/', false],
    ['`*` covers every host', ['*'], 'https://anything.test/', true],
    ['address objects (Forge CLI 13.3+)', [{ address: 'hooks.slack.com', category: 'analytics' }], 'https://hooks.slack.com/services', true],
    ['case and port are ignored', ['API.Example.com:443'], 'https://api.example.COM:8443/', true],
    ['nothing declared', [], 'https://api.example.com/', false],
    ['shapes that are not entries are ignored', [42, null, { url: 'x.com' }], 'https://x.com/', false],
  ])('%s', (_name, backend, url, ok) => {
    expect(allowed(rules(backend), url)).toBe(ok);
  });

  test('a remote\'s baseUrl is declared egress', () => {
    expect(allowed(rules([], [{ key: 'r', baseUrl: 'https://remote.example.com/api' }]), 'https://remote.example.com/x')).toBe(true);
  });

  test('plain HTTP is refused with 400, whatever is declared', () => {
    expect(egressVerdict(rules(['*']), new URL('http://api.example.com/'))).toMatchObject({ allowed: false, status: 400, code: 'HTTPS_ONLY' });
  });

  test('a refusal names the host and the manifest key to add it to, with the SDK error code', () => {
    const v = egressVerdict(rules([]), new URL('https://api.example.com/secret?token=abc'));
    expect(v).toMatchObject({ allowed: false, status: 403, code: 'REQUEST_EGRESS_ALLOWLIST_ERR' });
    const message = v.allowed ? '' : v.message;
    expect(message).toContain('permissions.external.fetch.backend');
    expect(message).toContain('api.example.com');
    // The path and query (which may carry secrets) are not repeated.
    expect(message).not.toContain('token=abc');
  });

  test('a manifest without permissions declares nothing', () => {
    expect(parseEgress({})).toMatchObject({ any: false, suffixes: [], declared: [] });
  });
});
