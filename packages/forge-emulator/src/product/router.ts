import type { HttpMethod, ProductName, RouteHandler } from './types.js';

interface Route {
  product: ProductName;
  method: HttpMethod;
  segments: string[];
  handler: RouteHandler;
  installationId: string | undefined;
}

export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
}

const split = (path: string): string[] => path.split('/').filter((s) => s !== '');

/**
 * Product routes: `{name}` segments match one path segment. A literal segment beats a `{name}` at the
 * same place (so `/project/search` is never taken for `/project/{idOrKey}`, as in Jira); among routes
 * equally specific the most recent registration wins.
 */
export class RouteTable {
  private readonly routes: Route[] = [];

  add(product: ProductName, method: HttpMethod, pattern: string, handler: RouteHandler, installationId?: string): () => void {
    if (!pattern.startsWith('/')) throw new TypeError(`[forge-emulator] route pattern must start with '/': ${pattern}`);
    const route: Route = { product, method, segments: split(pattern), handler, installationId };
    this.routes.push(route);
    return () => {
      const i = this.routes.indexOf(route);
      if (i >= 0) this.routes.splice(i, 1);
    };
  }

  match(product: ProductName, method: string, path: string, installationId: string): RouteMatch | undefined {
    const parts = split(path);
    let best: { route: Route; params: Record<string, string> } | undefined;
    for (let i = this.routes.length - 1; i >= 0; i--) {
      const r = this.routes[i] as Route;
      if (r.product !== product || r.method !== method || r.segments.length !== parts.length) continue;
      if (r.installationId !== undefined && r.installationId !== installationId) continue;
      const params = matchSegments(r.segments, parts);
      if (params !== undefined && (best === undefined || moreSpecific(r.segments, best.route.segments))) best = { route: r, params };
    }
    return best === undefined ? undefined : { handler: best.route.handler, params: best.params };
  }
}

const isParam = (segment: string): boolean => segment.startsWith('{') && segment.endsWith('}');

/** True when `a` has a literal segment where `b` has a parameter, at the first place they differ so. */
function moreSpecific(a: string[], b: string[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const pa = isParam(a[i] as string);
    const pb = isParam(b[i] as string);
    if (pa !== pb) return pb;
  }
  return false;
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const part = parts[i] as string;
    if (isParam(p)) params[p.slice(1, -1)] = decodeURIComponent(part);
    else if (p !== part) return undefined;
  }
  return params;
}
