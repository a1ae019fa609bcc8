import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebTriggerRequest, WebTriggerResponse } from './webtrigger.js';

export interface WebTriggerServer {
  /** `http://127.0.0.1:<port>`: the base of every web trigger URL while the server runs. */
  readonly url: string;
  close(): Promise<void>;
}

/** Reads an HTTP request into the web trigger request shape (headers and query values as lists). */
async function toRequest(req: IncomingMessage): Promise<{ url: string; request: WebTriggerRequest }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    (headers[name] ??= []).push(req.rawHeaders[i + 1] ?? '');
  }
  const queryParameters: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (queryParameters[k] ??= []).push(v);
  const body = Buffer.concat(chunks).toString('utf8');
  return { url: url.pathname, request: { method: req.method ?? 'GET', path: url.pathname, headers, queryParameters, ...(chunks.length === 0 ? {} : { body }) } };
}

type Call = (url: string, request: WebTriggerRequest) => Promise<WebTriggerResponse>;

/** A `node:http` request listener answering web trigger URLs (`/x1/<id>`), to mount in any server. */
export function webTriggerListener(call: Call): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    toRequest(req)
      .then(({ url, request }) => call(url, request))
      .then((r) => {
        res.statusCode = r.statusCode;
        if (r.statusText !== undefined) res.statusMessage = r.statusText;
        for (const [name, values] of Object.entries(r.headers)) res.setHeader(name, values);
        res.end(r.body);
      })
      .catch((e: unknown) => {
        res.statusCode = 500;
        res.end(e instanceof Error ? e.message : String(e));
      });
  };
}

/** Serves web triggers over HTTP on the loopback interface only. */
export function startWebTriggerServer(call: Call, port: number): Promise<WebTriggerServer> {
  const server = createServer(webTriggerListener(call));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}`,
        close: () => new Promise<void>((done) => server.close(() => { done(); })),
      });
    });
  });
}
