import { describe, expect, test } from 'vitest';
import { classifyFailure, isRetryable } from './classify.js';

/** Errors shaped like @forge/events' ones: a named class, but `name` left as 'Error'. */
function sdkError(className: string, message: string): Error {
  const Class = { [className]: class extends Error {} }[className]!;
  return new Class(message);
}
class ForgeKvsAPIError extends Error {
  constructor(readonly code: string, readonly responseDetails: { status: number }) {
    super(code);
    this.name = 'ForgeKvsError';
  }
}

describe('classifyFailure', () => {
  test.each([
    ['KVS 429', new ForgeKvsAPIError('RATE_LIMIT_EXCEEDED', { status: 429 }), 'rate-limited'],
    ['transaction 429', new ForgeKvsAPIError('TOO_MANY_REQUESTS', { status: 429 }), 'rate-limited'],
    ['batch item 429', { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down' }, 'rate-limited'],
    ['push RateLimitError (no name set by the SDK)', sdkError('RateLimitError', 'Too many requests.'), 'rate-limited'],
    ['push InternalServerError', sdkError('InternalServerError', '500'), 'transient'],
    ['KVS 500', new ForgeKvsAPIError('INTERNAL_SERVER_ERROR', { status: 500 }), 'transient'],
    ['KVS 503 odd code', new ForgeKvsAPIError('WHATEVER', { status: 503 }), 'transient'],
    ['network', Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }), 'transient'],
    ['condition failed', new ForgeKvsAPIError('CONDITION_CHECK_FAILED', { status: 400 }), 'conflict'],
    ['409', { status: 409, message: 'conflict' }, 'conflict'],
    ['bad key', new ForgeKvsAPIError('INVALID_KEY', { status: 400 }), 'permanent'],
    ['value too large', new ForgeKvsAPIError('VALUE_TOO_LARGE', { status: 413 }), 'permanent'],
    ['batch item invalid', { code: 'INVALID_VALUE', message: 'bad' }, 'permanent'],
    ['unknown thrown string', 'boom', 'transient'],
  ])('%s -> %s', (_name, error, kind) => {
    expect(classifyFailure(error).kind).toBe(kind);
  });

  test('code is stable and short; message never exceeds 300 chars', () => {
    const f = classifyFailure({ code: 'RATE_LIMIT_EXCEEDED', message: 'x'.repeat(1000) });
    expect(f.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(f.message).toHaveLength(300);
  });

  test.each([
    ['rate-limited', true],
    ['transient', true],
    ['conflict', false],
    ['permanent', false],
  ] as const)('isRetryable(%s) = %s', (kind, expected) => {
    expect(isRetryable({ kind, code: 'X', message: '' })).toBe(expected);
  });
});
