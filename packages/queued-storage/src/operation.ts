import type { Ttl } from './validate.js';

/**
 * One write, as carried in events and dead letters (short field names keep events small):
 * `k` key, `s` HLC stamp (producer order), then either `v` value (+ optional `t` TTL) or `d: 1` delete.
 */
export type Operation = SetOperation | DeleteOperation;

export interface SetOperation {
  k: string;
  s: string;
  v: unknown;
  t?: Ttl;
}

export interface DeleteOperation {
  k: string;
  s: string;
  d: 1;
}

export function isDelete(op: Operation): op is DeleteOperation {
  return 'd' in op;
}
