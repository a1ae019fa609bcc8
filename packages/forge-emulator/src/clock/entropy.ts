import { createRequire, syncBuiltinESMExports } from 'node:module';
import type * as NodeCrypto from 'node:crypto';
import type { Random } from '../random.js';
import { currentInvocation } from '../runtime/context.js';

const require = createRequire(import.meta.url);
const nodeCrypto = require('node:crypto') as { -readonly [K in keyof typeof NodeCrypto]: (typeof NodeCrypto)[K] };
type WebCrypto = NodeCrypto.webcrypto.Crypto;
const webcrypto = globalThis.crypto as { -readonly [K in keyof WebCrypto]: WebCrypto[K] };

const real = {
  mathRandom: Math.random,
  randomUUID: nodeCrypto.randomUUID,
  randomBytes: nodeCrypto.randomBytes,
  webRandomUUID: webcrypto.randomUUID,
  webGetRandomValues: webcrypto.getRandomValues,
};

/** The seeded source of the invocation on this async path (virtual mode), else undefined. */
function invocationRandom(): Random | undefined {
  const ctx = currentInvocation();
  return ctx?.clock?.random(ctx);
}

function fillBytes(random: Random, view: ArrayBufferView): void {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random.next() * 256);
}

/** Outside invocations: whatever Math.random was when the patch was installed. */
let fallbackMathRandom = real.mathRandom;

function seededMathRandom(): number {
  const random = invocationRandom();
  return random === undefined ? fallbackMathRandom() : random.next();
}

function seededRandomUUID(this: unknown, ...args: unknown[]): string {
  const random = invocationRandom();
  if (random === undefined) return Reflect.apply(this === webcrypto ? real.webRandomUUID : real.randomUUID, this, args) as string;
  return random.uuid();
}

function seededGetRandomValues<T extends ArrayBufferView | null>(this: unknown, array: T): T {
  // The real call validates (type, 64 KiB limit) and fills; inside an invocation the bytes are then replaced.
  const out = Reflect.apply(real.webGetRandomValues, webcrypto, [array]) as T;
  const random = invocationRandom();
  if (random !== undefined && array !== null) fillBytes(random, array);
  return out;
}

function seededRandomBytes(this: unknown, size: number, callback?: (err: Error | null, buf: Buffer) => void): Buffer | undefined {
  const random = invocationRandom();
  if (random === undefined) return Reflect.apply(real.randomBytes, this, callback === undefined ? [size] : [size, callback]) as Buffer | undefined;
  const buf = real.randomBytes(size);
  fillBytes(random, buf);
  if (callback === undefined) return buf;
  process.nextTick(callback, null, buf);
  return undefined;
}

/**
 * Inside a virtual-clock invocation, `Math.random`, `crypto.randomUUID`, `crypto.getRandomValues`
 * (global and `node:crypto`) and `crypto.randomBytes` draw from the invocation's own seeded source,
 * so ids and jitter repeat with the seed whatever order invocations interleave in. Outside
 * invocations the real functions run. (`node:crypto`'s `getRandomValues` is a fixed getter whose
 * function calls the global `crypto`'s method, so patching the global covers both.)
 */
export function installEntropyPatch(): void {
  fallbackMathRandom = Math.random;
  Math.random = seededMathRandom;
  nodeCrypto.randomUUID = seededRandomUUID as typeof nodeCrypto.randomUUID;
  nodeCrypto.randomBytes = seededRandomBytes as typeof nodeCrypto.randomBytes;
  webcrypto.randomUUID = seededRandomUUID as typeof webcrypto.randomUUID;
  webcrypto.getRandomValues = seededGetRandomValues;
  syncBuiltinESMExports();
}

export function uninstallEntropyPatch(): void {
  if (Math.random === seededMathRandom) Math.random = fallbackMathRandom;
  nodeCrypto.randomUUID = real.randomUUID;
  nodeCrypto.randomBytes = real.randomBytes;
  webcrypto.randomUUID = real.webRandomUUID;
  webcrypto.getRandomValues = real.webGetRandomValues;
  syncBuiltinESMExports();
}
