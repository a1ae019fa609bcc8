import { existsSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureSiteOptions } from '../product/types.js';
import type { Quotas } from '../types.js';
import { allowedHost, HttpError, MIME, readJson, sendJson, sendText } from './http.js';
import { DEV_USERS, DevSession, type DevUser } from './session.js';
import { dashboardState, kvsPage } from './state.js';

/** The dashboard's own files (src/dev/ui, shipped with the package). */
const DASHBOARD_DIR = fileURLToPath(new URL('../../src/dev/ui/', import.meta.url));

export interface DevServerOptions {
  appDir: string;
  /** 0 picks a free port. Default 8787. */
  port?: number;
  seed?: number;
  /** KVS kept across restarts in this file; undefined keeps nothing. */
  statePath?: string | undefined;
  source?: 'src' | 'dist';
  quotas?: Partial<Quotas>;
  /** Size of the fixture site behind product REST. Default 2,000 issues and 2,000 pages. */
  site?: FixtureSiteOptions;
  /** Reload the app when src/ or manifest.yml changes. Default false here, true for the CLI. */
  watch?: boolean;
  report?: (line: string) => void;
}

export interface DevServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly session: DevSession;
  close(): Promise<void>;
}

/** Starts `forge-emulator dev`: the app on a local site, its Custom UI and the dashboard, on 127.0.0.1. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const session = await DevSession.start({
    appDir: options.appDir, seed: options.seed ?? 1, statePath: options.statePath, source: options.source ?? 'src', quotas: options.quotas ?? {}, site: options.site ?? { issues: 2000, pages: 2000 },
    ...(options.report === undefined ? {} : { report: options.report }),
  });
  const server = createServer((req, res) => {
    route(session, req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (!res.headersSent) sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8787, '127.0.0.1', () => {
      ok();
    });
  });
  const watchers = options.watch === true ? watchApp(session) : [];
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    session,
    async close() {
      for (const w of watchers) w.close();
      await new Promise<void>((ok) => {
        server.close(() => {
          ok();
        });
        server.closeAllConnections();
      });
      await session.close();
    },
  };
}

function watchApp(session: DevSession): FSWatcher[] {
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void session.reload(), 300);
  };
  return [watch(join(session.appDir, 'src'), { recursive: true }, changed), watch(join(session.appDir, 'manifest.yml'), changed)];
}

async function route(session: DevSession, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!allowedHost(req)) throw new HttpError(403, 'only 127.0.0.1 and localhost are served');
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  const q = url.searchParams;
  if (req.method === 'GET') {
    if (path === '/' || path === '/index.html') return serveFile(res, DASHBOARD_DIR, 'dashboard.html');
    if (path === '/dashboard.js' || path === '/dashboard.css') return serveFile(res, DASHBOARD_DIR, path.slice(1));
    if (path === '/__forge/bridge.js') return serveFile(res, DASHBOARD_DIR, 'bridge.js');
    if (path === '/api/state') {
      sendJson(res, 200, dashboardState(session, Number(q.get('after') ?? 0) || 0));
      return;
    }
    if (path === '/api/kvs') {
      sendJson(res, 200, kvsPage(session, q.get('search') ?? '', Math.max(0, Number(q.get('offset') ?? 0) || 0), Math.min(200, Math.max(1, Number(q.get('limit') ?? 50) || 50))));
      return;
    }
    if (path === '/api/kvs/value') {
      const key = q.get('key') ?? '';
      const value = session.installation.kvs.get(key);
      if (value === undefined) throw new HttpError(404, `no key '${key}'`);
      sendJson(res, 200, { key, value });
      return;
    }
    const ui = /^\/ui\/([^/]+)\/(.*)$/.exec(path);
    if (ui) {
      const as = q.get('as') === 'user' ? 'user' : 'admin';
      return servePage(session, res, decodeURIComponent(ui[1] ?? ''), decodeURIComponent(ui[2] ?? '') || 'index.html', as);
    }
    throw new HttpError(404, `nothing at ${path}`);
  }
  if (req.method !== 'POST') throw new HttpError(405, 'GET or POST');
  const body = await readJson(req);
  switch (path) {
    case '/__forge/invoke': {
      const as = typeof body.as === 'string' && body.as in DEV_USERS ? (body.as as DevUser) : undefined;
      if (as === undefined) throw new HttpError(400, `as must be one of ${Object.keys(DEV_USERS).join(', ')}`);
      if (typeof body.page !== 'string' || typeof body.functionKey !== 'string') throw new HttpError(400, 'page and functionKey are required');
      try {
        sendJson(res, 200, { ok: true, result: await session.invoke(body.page, as, body.functionKey, body.payload ?? {}) });
        return;
      } catch (error) {
        // What @forge/bridge's invoke rejects with when the resolver throws.
        sendJson(res, 200, { ok: false, error: error instanceof Error ? error.message : String(error) });
        return;
      }
    }
    case '/api/fire': {
      const count = Number(body.count ?? 1);
      if (typeof body.eventType !== 'string' || body.eventType === '') throw new HttpError(400, 'eventType is required');
      if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new HttpError(400, 'count must be 1..100000');
      sendJson(res, 200, { fired: session.fire(body.eventType, count) });
      return;
    }
    case '/api/clock': {
      if (body.action === 'run') await session.runUntilIdle();
      else if (body.action === 'advance') {
        const seconds = Number(body.seconds);
        if (!(seconds > 0 && seconds <= 7 * 86_400)) throw new HttpError(400, 'seconds must be 1..604800');
        await session.advance(seconds * 1000);
      } else throw new HttpError(400, "action must be 'run' or 'advance'");
      sendJson(res, 200, { nowMs: session.emulator.now() });
      return;
    }
    case '/api/settings': {
      if (typeof body.autoRun === 'boolean') session.autoRun = body.autoRun;
      if (session.autoRun) session.kick();
      sendJson(res, 200, { autoRun: session.autoRun });
      return;
    }
    default:
      throw new HttpError(404, `nothing at POST ${path}`);
  }
}

/** Serves `file` from `root`, refusing paths that leave it. */
async function serveFile(res: ServerResponse, root: string, file: string, transform?: (html: string) => string): Promise<void> {
  const full = resolve(root, file);
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) throw new HttpError(403, 'path leaves the resource folder');
  let data: Buffer;
  try {
    data = await readFile(full);
  } catch {
    throw new HttpError(404, `no file ${file}`);
  }
  const type = MIME[extname(full)] ?? 'application/octet-stream';
  sendText(res, 200, type, transform !== undefined && type.startsWith('text/html') ? transform(data.toString('utf8')) : data);
}

/** A Custom UI page's resource; its HTML gets the bridge script before any other script. */
function servePage(session: DevSession, res: ServerResponse, pageKey: string, file: string, as: DevUser): Promise<void> {
  const page = session.info.pages.find((p) => p.key === pageKey);
  if (page === undefined) throw new HttpError(404, `no Custom UI module '${pageKey}' in the manifest`);
  const root = resolve(session.appDir, page.resourcePath);
  if (!existsSync(root)) throw new HttpError(404, `resource '${page.resourceKey}' (${page.resourcePath}) does not exist: build the app's UI first`);
  const account = session.accountOf(as).accountId;
  const bridge = `<script src="/__forge/bridge.js?page=${encodeURIComponent(page.key)}&amp;type=${encodeURIComponent(page.type)}&amp;account=${encodeURIComponent(account)}"></script>`;
  return serveFile(res, root, file, (html) => {
    const at = html.search(/<script\b/i);
    return at >= 0 ? html.slice(0, at) + bridge + html.slice(at) : html.replace(/<\/head>/i, `${bridge}</head>`);
  });
}
