import type { PlatformAnswer } from '../http/response.js';
import type { RealtimeMessage } from '../types.js';

/**
 * `@forge/realtime`'s requests (`__forge_fetch__({ type: 'realtime' }, '/', { body: { query, variables } })`).
 * `publish` / `publishGlobal` (the `publishRealtimeChannel` mutation) are recorded on the installation,
 * in order, and answered as the realtime service answers them; no frontend subscribes here.
 * Any other operation (`signRealtimeToken`) answers undefined: the caller turns that into the
 * runtime's NOT_EMULATED answer naming DIFFERENCES.md.
 */
export function realtimeAnswer(body: unknown, record: (m: Omit<RealtimeMessage, 'eventId'>) => RealtimeMessage, nowMs: number): PlatformAnswer | undefined {
  const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
  if (typeof query !== 'string' || !/\bpublishRealtimeChannel\s*\(/.test(query)) return undefined;
  const v = variables ?? {};
  if (typeof v.name !== 'string' || typeof v.payload !== 'string') {
    return graphqlError('publishRealtimeChannel needs the string variables name and payload');
  }
  const m = record({
    channel: v.name,
    payload: parseJson(v.payload),
    isGlobal: v.isGlobal === true,
    context: typeof v.context === 'string' ? parseJson(v.context) : undefined,
    token: typeof v.token === 'string',
    atMs: nowMs,
  });
  return { status: 200, body: { data: { ecosystem: { publishRealtimeChannel: { eventId: m.eventId, eventTimestamp: new Date(nowMs).toISOString() } } } } };
}

/** The SDK sends JSON text (`JSON.stringify(eventPayload)`); anything else is kept as the text. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function graphqlError(message: string): PlatformAnswer {
  return { status: 200, body: { data: null, errors: [{ message: `[forge-emulator] ${message}` }] } };
}
