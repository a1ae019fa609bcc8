/** In-memory KVS of one installation: plain keys, secrets and custom entities kept apart. */
export interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expireAt: number | undefined;
}

export type Namespace = Map<string, Entry>;

export class KvsStore {
  readonly plain: Namespace = new Map();
  readonly secrets: Namespace = new Map();
  readonly entities = new Map<string, Namespace>();

  namespace(kind: 'plain' | 'secret', entityName?: string): Namespace {
    if (entityName !== undefined) {
      let ns = this.entities.get(entityName);
      if (ns === undefined) {
        ns = new Map();
        this.entities.set(entityName, ns);
      }
      return ns;
    }
    return kind === 'secret' ? this.secrets : this.plain;
  }

  read(ns: Namespace, key: string, now: number): Entry | undefined {
    const e = ns.get(key);
    if (e?.expireAt !== undefined && e.expireAt <= now) {
      ns.delete(key);
      return undefined;
    }
    return e;
  }

  write(ns: Namespace, key: string, value: unknown, now: number, ttlMs: number | undefined): Entry {
    const prev = this.read(ns, key, now);
    const entry: Entry = { value, createdAt: prev?.createdAt ?? now, updatedAt: now, expireAt: ttlMs === undefined ? undefined : now + ttlMs };
    ns.set(key, entry);
    return entry;
  }

  toJSON(): object {
    const dump = (ns: Namespace): Array<[string, Entry]> => [...ns.entries()];
    return { plain: dump(this.plain), secrets: dump(this.secrets), entities: [...this.entities.entries()].map(([n, ns]) => [n, dump(ns)]) };
  }

  load(data: unknown): void {
    const d = data as { plain?: Array<[string, Entry]>; secrets?: Array<[string, Entry]>; entities?: Array<[string, Array<[string, Entry]>]> };
    for (const [k, e] of d.plain ?? []) this.plain.set(k, e);
    for (const [k, e] of d.secrets ?? []) this.secrets.set(k, e);
    for (const [n, entries] of d.entities ?? []) this.entities.set(n, new Map(entries));
  }
}
