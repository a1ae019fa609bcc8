/**
 * A minimal fetch Response: the SDK clients only read status, statusText, ok, headers.get,
 * text() and json(), so the hot path avoids building undici Response objects.
 */
class LiteHeaders {
  constructor(private readonly length: number) {}

  get(name: string): string | null {
    const n = name.toLowerCase();
    if (n === 'content-type') return 'application/json';
    if (n === 'content-length') return String(this.length);
    return null;
  }
}

export class LiteResponse {
  readonly ok: boolean;
  readonly headers: LiteHeaders;

  constructor(
    readonly status: number,
    private readonly bodyText: string,
    readonly statusText: string = STATUS_TEXT[status] ?? '',
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new LiteHeaders(bodyText.length);
  }

  text(): Promise<string> {
    return Promise.resolve(this.bodyText);
  }

  json(): Promise<unknown> {
    return Promise.resolve(JSON.parse(this.bodyText) as unknown);
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export interface PlatformAnswer {
  status: number;
  body?: unknown;
}

export function toResponse(answer: PlatformAnswer): LiteResponse {
  return new LiteResponse(answer.status, answer.body === undefined ? '' : JSON.stringify(answer.body));
}

export function errorAnswer(status: number, code: string, message: string): PlatformAnswer {
  return { status, body: { code, message } };
}
