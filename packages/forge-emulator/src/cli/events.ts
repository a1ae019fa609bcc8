import { readFile } from 'node:fs/promises';

/** One product event to fire: at `atSeconds` after the start of the run. */
export interface ScriptedEvent {
  eventType: string;
  payload: object;
  atSeconds: number;
}

/** Reads a JSON array or NDJSON file of `{ eventType, payload, atSeconds? }`. */
export async function readEvents(file: string): Promise<ScriptedEvent[]> {
  const text = (await readFile(file, 'utf8')).trim();
  const raw: unknown[] = text.startsWith('[') ? (JSON.parse(text) as unknown[]) : text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
  return raw.map((r, i) => {
    const e = r as { eventType?: unknown; payload?: unknown; atSeconds?: unknown };
    if (typeof e.eventType !== 'string' || typeof e.payload !== 'object' || e.payload === null) throw new TypeError(`event ${i} needs eventType and payload`);
    return { eventType: e.eventType, payload: e.payload, atSeconds: typeof e.atSeconds === 'number' ? e.atSeconds : 0 };
  });
}

/** `count` synthetic events spread evenly over `windowSeconds`, shaped like Jira issue / Confluence page events. */
export function generateEvents(eventType: string, count: number, windowSeconds: number, startMs: number): ScriptedEvent[] {
  const out: ScriptedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const atSeconds = count === 1 ? 0 : (windowSeconds * i) / count;
    const created = new Date(startMs + atSeconds * 1000).toISOString();
    const payload = eventType.startsWith('avi:confluence:')
      ? { content: { id: String(100000 + i), type: 'page', title: `Generated page ${i}`, space: { key: 'GEN' }, createdDate: created }, atlassianId: 'generated' }
      : { issue: { id: String(10000 + i), key: `GEN-${i + 1}`, fields: { summary: `Generated issue ${i + 1}`, project: { key: 'GEN' }, created } }, selfGenerated: false };
    out.push({ eventType, payload, atSeconds });
  }
  return out;
}
