import http from 'node:http';
import https from 'node:https';
import { AsyncResource } from 'node:async_hooks';
import { Readable, Writable } from 'node:stream';
import { egressVerdict, type EgressVerdict } from '../app/egress.js';
import { currentInvocation } from './context.js';

/**
 * Enforces the app's egress allow-list (app/egress.ts) on the requests a function makes to external
 * hosts, as Forge's egress proxy does: Node's `fetch` (`fetch` of `@forge/api` 5 and later, which
 * keeps the reference it found at import: hence its dispatcher, read per request, is wrapped) and
 * `http(s).request` and `http(s).get` (`node-fetch` of `@forge/api` 4 and earlier, axios). A refused
 * request is answered 403 (400 for plain HTTP) with a JSON body naming the host and the manifest key;
 * it never reaches the network. Only requests made inside an invocation are checked; the emulator's
 * own requests (and `@forge/api` 4's product requests, answered by magic-agent.ts) are untouched.
 */
type RequestFn = typeof http.request;
type Options = { agent?: unknown; protocol?: string | null; hostname?: string | null; host?: string | null; port?: number | string | null; path?: string | null };

type GetFn = typeof http.get;
let originals: { http: RequestFn; https: RequestFn; httpGet: GetFn; httpsGet: GetFn; fetch: { inner?: Dispatcher } } | undefined;

/** `get` as Node defines it (`request(...)` then `end()`), but through the module's current, guarded `request`. */
function getThrough(mod: { request: RequestFn }): GetFn {
  return function get(...args: unknown[]) {
    const req = (mod.request as (...a: unknown[]) => http.ClientRequest)(...args);
    req.end();
    return req;
  };
}

function verdictFor(url: URL): EgressVerdict {
  const ctx = currentInvocation();
  return ctx === undefined ? { allowed: true } : egressVerdict(ctx.installation.app.egress, url);
}

const refusalBody = (v: Exclude<EgressVerdict, { allowed: true }>): string => JSON.stringify({ code: v.code, message: v.message });

/** Node's fetch (undici) reads its dispatcher from this global on every request. */
const DISPATCHER = Symbol.for('undici.globalDispatcher.1');
type Dispatcher = { dispatch(opts: { origin?: unknown; path?: unknown }, handler: Record<string, unknown>): boolean };
type Holder = Record<symbol, Dispatcher | undefined>;

/** Answers a refused request through an undici dispatch handler (the legacy and the controller API). */
function answerRefusal(v: Exclude<EgressVerdict, { allowed: true }>, h: Record<string, ((...a: unknown[]) => unknown) | undefined>): void {
  const body = Buffer.from(refusalBody(v));
  const statusText = v.status === 403 ? 'Forbidden' : 'Bad Request';
  try {
    if (typeof h.onResponseStart === 'function') {
      const controller = { abort: () => undefined, pause: () => undefined, resume: () => undefined, paused: false, aborted: false, reason: null };
      h.onRequestStart?.(controller, {});
      h.onResponseStart(controller, v.status, { 'content-type': 'application/json', 'content-length': String(body.length) }, statusText);
      h.onResponseData?.(controller, body);
      h.onResponseEnd?.(controller, {});
      return;
    }
    h.onConnect?.(() => undefined);
    const raw = ['content-type', 'application/json', 'content-length', String(body.length)].map((x) => Buffer.from(x));
    h.onHeaders?.(v.status, raw, () => undefined, statusText);
    h.onData?.(body);
    h.onComplete?.([]);
  } catch (error) {
    (h.onResponseError ?? h.onError)?.(error);
  }
}

/** The dispatcher `inner`, refusing what the current invocation's app may not reach. */
function guardDispatcher(inner: Dispatcher): Dispatcher {
  const dispatch = (opts: { origin?: unknown; path?: unknown }, handler: Record<string, unknown>): boolean => {
    let url: URL | undefined;
    try {
      const origin = opts.origin instanceof URL ? opts.origin.href : typeof opts.origin === 'string' ? opts.origin : undefined;
      url = origin === undefined ? undefined : new URL(typeof opts.path === 'string' ? opts.path : '/', origin);
    } catch {
      url = undefined;
    }
    const v = url === undefined ? { allowed: true as const } : verdictFor(url);
    if (v.allowed) return inner.dispatch(opts, handler);
    queueMicrotask(() => { answerRefusal(v, handler as Record<string, ((...a: unknown[]) => unknown) | undefined>); });
    return true;
  };
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === 'dispatch') return dispatch;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Wraps fetch's dispatcher. Node creates it during the first call of `fetch` (synchronously, when it
 * loads undici), so a `data:` fetch (no network) is started first when none exists yet.
 */
function wrapDispatcher(state: { inner?: Dispatcher }): void {
  const holder = globalThis as unknown as Holder;
  if (holder[DISPATCHER] === undefined) void globalThis.fetch('data:,').catch(() => undefined);
  const inner = holder[DISPATCHER];
  if (inner === undefined) return;
  state.inner = inner;
  holder[DISPATCHER] = guardDispatcher(inner);
}

/** The URL an http(s).request call targets (`defaultProtocol` for option objects without one). */
function urlOfRequest(args: unknown[], defaultProtocol: string): URL | undefined {
  const [first, second] = args;
  try {
    if (typeof first === 'string' || first instanceof URL) return new URL(first);
    const o = (typeof first === 'object' && first !== null ? first : second) as Options | undefined;
    if (o === undefined) return undefined;
    // url.parse() objects (node-fetch) carry null for what is absent.
    const host = o.hostname ?? (o.host ?? 'localhost').replace(/:\d+$/, '');
    const port = o.port === undefined || o.port === null || o.port === '' ? '' : `:${String(o.port)}`;
    return new URL(`${o.protocol ?? defaultProtocol}//${host}${port}${o.path ?? '/'}`);
  } catch {
    return undefined;
  }
}

/** A ClientRequest look-alike that answers the refusal once the caller ends the request. */
function refusedRequest(v: Exclude<EgressVerdict, { allowed: true }>, callback: unknown): http.ClientRequest {
  const req = new Writable({ write: (_chunk, _enc, done) => { done(); } });
  if (typeof callback === 'function') req.once('response', callback as (res: unknown) => void);
  const answer = AsyncResource.bind(() => {
    const body = refusalBody(v);
    const res = Object.assign(Readable.from([Buffer.from(body)]), {
      statusCode: v.status, statusMessage: v.status === 403 ? 'Forbidden' : 'Bad Request',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      rawHeaders: ['content-type', 'application/json', 'content-length', String(Buffer.byteLength(body))],
    });
    req.emit('response', res);
  });
  req.on('finish', () => { setImmediate(answer); });
  return Object.assign(req, { abort: () => undefined, destroy: () => req, setTimeout: () => req, setHeader: () => undefined, getHeader: () => undefined, removeHeader: () => undefined, flushHeaders: () => undefined }) as unknown as http.ClientRequest;
}

function guardRequest(original: RequestFn, defaultProtocol: string): RequestFn {
  return function request(this: unknown, ...args: unknown[]) {
    const o = args[0];
    // @forge/api 4's product requests carry a string agent; magic-agent.ts answers them.
    const magic = typeof o === 'object' && o !== null && !(o instanceof URL) && typeof (o as Options).agent === 'string';
    const url = magic || currentInvocation() === undefined ? undefined : urlOfRequest(args, defaultProtocol);
    const v = url === undefined ? { allowed: true as const } : verdictFor(url);
    if (!v.allowed) return refusedRequest(v, args.find((a) => typeof a === 'function'));
    return (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
  };
}

/** Installs the guard (idempotent); `enforce: false` leaves every request as it is. */
export function installEgressGuard(enforce: boolean): void {
  if (originals !== undefined || !enforce) return;
  originals = { http: http.request, https: https.request, httpGet: http.get, httpsGet: https.get, fetch: {} };
  http.request = guardRequest(originals.http, 'http:');
  https.request = guardRequest(originals.https, 'https:');
  // Node's own get() calls its internal request(), not the module's property: route it through the guard.
  http.get = getThrough(http);
  https.get = getThrough(https);
  wrapDispatcher(originals.fetch);
}

export function uninstallEgressGuard(): void {
  if (originals === undefined) return;
  http.request = originals.http;
  https.request = originals.https;
  http.get = originals.httpGet;
  https.get = originals.httpsGet;
  if (originals.fetch.inner !== undefined) (globalThis as unknown as Holder)[DISPATCHER] = originals.fetch.inner;
  originals = undefined;
}
