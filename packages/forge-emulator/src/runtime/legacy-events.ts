/** `@forge/events` 1.x pushes: schema `forge/app-event`, plain bodies in `payload`, one `delayInSeconds` for all. */
export const V1_EVENT_SCHEMA = 'ari:cloud:ecosystem::forge/app-event';

/**
 * Rewrites a 1.x push request into the 2.x+ form the queue service reads (`payload: [{ body, delayInSeconds? }]`);
 * any other request is returned as it is.
 */
export function fromV1Push(body: unknown): unknown {
  const b = body as { schema?: unknown; payload?: unknown; delayInSeconds?: unknown } | undefined;
  if (b?.schema !== V1_EVENT_SCHEMA || !Array.isArray(b.payload)) return body;
  const { delayInSeconds, ...rest } = b;
  return { ...rest, payload: b.payload.map((p: unknown) => ({ body: p, ...(delayInSeconds === undefined ? {} : { delayInSeconds }) })) };
}
