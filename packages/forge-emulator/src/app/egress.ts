/**
 * Forge's runtime egress allow-list (page runtime-egress-permissions): a function may reach an
 * external host only when `permissions.external.fetch.backend` (or a `remotes[].baseUrl`) declares
 * it. Entries are strings or, since Forge CLI 13.3, address objects (`{ address }`). Matching is on
 * the hostname only (a path in an entry grants the whole host); `*.example.com` covers subdomains
 * but not `example.com` itself; `*` covers every host. The runtime makes outbound HTTPS only.
 */
export interface EgressRules {
  /** `*` was declared: every host. */
  readonly any: boolean;
  /** Hostnames declared exactly (lower case). */
  readonly hosts: ReadonlySet<string>;
  /** Suffixes of `*.` entries, with their leading dot (`.example.com`). */
  readonly suffixes: readonly string[];
  /** The entries as declared, for messages. */
  readonly declared: readonly string[];
}

export type EgressVerdict =
  | { allowed: true }
  | { allowed: false; status: 400 | 403; code: 'REQUEST_EGRESS_ALLOWLIST_ERR' | 'HTTPS_ONLY'; message: string };

type Raw = Record<string, unknown>;

/** The address of one backend entry: a string, or an object's `address` (other shapes are ignored). */
function addressOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'object' && entry !== null && typeof (entry as Raw).address === 'string') return (entry as Raw).address as string;
  return undefined;
}

/** The hostname part of an entry: no scheme, no path, no port; lower case. */
function hostOf(address: string): string {
  const noScheme = address.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return (noScheme.split(/[/?#]/)[0] ?? '').replace(/:\d+$/, '').toLowerCase();
}

export function parseEgress(manifest: Raw): EgressRules {
  const permissions = (manifest.permissions ?? {}) as Raw;
  const fetch = ((permissions.external ?? {}) as Raw).fetch as Raw | undefined;
  const backend = Array.isArray(fetch?.backend) ? (fetch.backend as unknown[]) : [];
  const remotes = Array.isArray(manifest.remotes) ? (manifest.remotes as unknown[]) : [];
  const declared = [
    ...backend.map(addressOf),
    ...remotes.map((r) => (typeof r === 'object' && r !== null && typeof (r as Raw).baseUrl === 'string' ? ((r as Raw).baseUrl as string) : undefined)),
  ].filter((a): a is string => a !== undefined && a.trim() !== '');
  const hosts = new Set<string>();
  const suffixes: string[] = [];
  let any = false;
  for (const address of declared) {
    const host = hostOf(address);
    if (host === '*') any = true;
    else if (host.startsWith('*.')) suffixes.push(host.slice(1));
    else if (host !== '') hosts.add(host);
  }
  return { any, hosts, suffixes, declared };
}

/** Whether the runtime lets a function reach `url` (see the file comment). */
export function egressVerdict(rules: EgressRules, url: URL): EgressVerdict {
  if (url.protocol !== 'https:') {
    return { allowed: false, status: 400, code: 'HTTPS_ONLY', message: `The Forge runtime makes outbound HTTPS connections only: ${url.protocol}//${url.host}` };
  }
  const host = url.hostname.toLowerCase();
  if (rules.any || rules.hosts.has(host) || rules.suffixes.some((s) => host.endsWith(s) && host.length > s.length)) return { allowed: true };
  return {
    allowed: false, status: 403, code: 'REQUEST_EGRESS_ALLOWLIST_ERR',
    message: `URL not included in the external fetch backend permissions: ${url.origin}. Declare '${host}' under permissions.external.fetch.backend in manifest.yml (go.atlassian.com/forge-egress).`,
  };
}
