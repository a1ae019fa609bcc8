import type { WebTriggerDef } from '../app/triggers.js';
import { handlerContext } from '../delivery/handler-context.js';
import type { Engine } from '../engine.js';
import { InvocationRateLimitError } from '../errors.js';
import type { InstallationState } from '../installation-state.js';
import { runNow } from './run-now.js';

/** What a web trigger function receives (page "Web trigger events"). */
export interface WebTriggerRequest {
  method: string;
  path: string;
  headers: Record<string, string[]>;
  body?: string;
  queryParameters: Record<string, string[]>;
}

/** The HTTP answer built from the function's result. */
export interface WebTriggerResponse {
  statusCode: number;
  statusText?: string;
  headers: Record<string, string[]>;
  body: string;
}

/** Base of web trigger URLs while no server listens (port 0: nothing can connect). */
export const OFFLINE_WEBTRIGGER_BASE = 'http://127.0.0.1:0';

/** The opaque id in a web trigger URL (`/x1/<id>`): base64url of the installation id and module key. */
export function webTriggerId(installationId: string, key: string): string {
  return Buffer.from(JSON.stringify([installationId, key])).toString('base64url');
}

export function parseWebTriggerUrl(url: string): { installationId: string; key: string; id: string } | undefined {
  const id = /\/(?:x1|public)\/([^/?#]+)/.exec(url)?.[1];
  if (id === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') return { installationId: v[0], key: v[1], id };
  } catch {
    return undefined;
  }
  return undefined;
}

export function webTriggerUrl(inst: InstallationState, key: string): string {
  return `${inst.webTriggerBase.url}/x1/${webTriggerId(inst.id, key)}`;
}

const answer = (statusCode: number, body: string): WebTriggerResponse => ({ statusCode, headers: { 'Content-Type': ['text/plain'] }, body });

/**
 * Calls web trigger `key` of `inst` with `request` as one invocation and turns the function's result
 * into the HTTP answer: `{ statusCode, headers?, body?, statusText? }` (a result of another shape is a
 * 500, as documented); with `response.type: static`, the output named by the result's `outputKey`.
 * A thrown error or a timeout answers 500; the invocation quota answers 429.
 */
export async function callWebTrigger(engine: Engine, inst: InstallationState, key: string, request: Partial<WebTriggerRequest>): Promise<WebTriggerResponse> {
  const def = inst.app.webTriggers.get(key);
  if (def === undefined || inst.deletedWebTriggers.has(webTriggerId(inst.id, key))) return answer(404, `No web trigger '${key}' for installation '${inst.id}'`);
  const fn = inst.app.functions.get(def.functionKey);
  if (fn === undefined) return answer(404, `No function for web trigger '${key}'`);
  const req: WebTriggerRequest = {
    method: request.method ?? 'GET', path: request.path ?? `/x1/${webTriggerId(inst.id, key)}`, headers: request.headers ?? {},
    queryParameters: request.queryParameters ?? {}, ...(request.body === undefined ? {} : { body: request.body }),
  };
  try {
    const r = await runNow(engine, inst, { functionKey: def.functionKey, moduleKey: key, kind: 'webtrigger', timeoutSeconds: fn.timeoutSeconds, memoryMB: fn.memoryMB, call: () => fn.handler(req, handlerContext(inst, undefined)) });
    if (r.outcome === 'timeout') return answer(500, `Web trigger '${key}' timed out after ${fn.timeoutSeconds} s`);
    if (r.outcome === 'error') return answer(500, 'Internal Server Error');
    return toResponse(def, r.value);
  } catch (e) {
    if (e instanceof InvocationRateLimitError) return answer(429, 'Too Many Requests');
    throw e;
  }
}

function toResponse(def: WebTriggerDef, value: unknown): WebTriggerResponse {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (def.staticOutputs !== undefined) {
    const out = def.staticOutputs.find((o) => o.key === v.outputKey);
    if (out === undefined) return answer(500, `Web trigger '${def.key}' returned no outputKey of its static outputs`);
    return { statusCode: out.statusCode, headers: out.contentType === undefined ? {} : { 'Content-Type': [out.contentType] }, body: out.body ?? '' };
  }
  if (typeof v.statusCode !== 'number' || !Number.isInteger(v.statusCode)) return answer(500, `Web trigger '${def.key}' returned no integer statusCode`);
  const headers: Record<string, string[]> = {};
  for (const [name, h] of Object.entries((v.headers ?? {}) as Record<string, unknown>)) headers[name] = Array.isArray(h) ? h.map(String) : [String(h)];
  if (v.body !== undefined && typeof v.body !== 'string') return answer(500, `Web trigger '${def.key}' returned a body that is not a string`);
  const body = v.body ?? '';
  return { statusCode: v.statusCode, headers, body, ...(typeof v.statusText === 'string' ? { statusText: v.statusText } : {}) };
}
