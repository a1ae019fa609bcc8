/** Named errors of the emulator itself (platform answers use the SDKs' own error classes). */
export class EmulatorError extends Error {
  override readonly name: string = 'EmulatorError';
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(`[forge-emulator] ${message}`, options);
    this.code = code;
  }
}

/** A manifest or app definition the emulator cannot use. */
export class ManifestError extends EmulatorError {
  override readonly name = 'ManifestError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('FE_MANIFEST', message, options);
  }
}

/** An invocation ran past its function's timeoutSeconds. */
export class InvocationTimeoutError extends EmulatorError {
  override readonly name = 'InvocationTimeoutError';
  constructor(functionKey: string, timeoutSeconds: number) {
    super('FE_TIMEOUT', `function '${functionKey}' timed out after ${timeoutSeconds} s`);
  }
}

/** The installation's invocation quota (invocationsPerMinute) is used up. */
export class InvocationRateLimitError extends EmulatorError {
  override readonly name = 'InvocationRateLimitError';
  constructor() {
    super('FE_INVOCATION_RATE_LIMITED', 'invocationsPerMinute quota exceeded');
  }
}

/** A platform call (KVS, queue) was made outside any invocation. */
export class NoInvocationContextError extends EmulatorError {
  override readonly name = 'NoInvocationContextError';
  constructor(what: string) {
    super('FE_NO_CONTEXT', `${what} called outside an invocation: wrap the code in installation.run()`);
  }
}

/** A platform call from an invocation that belongs to another (disposed) emulator. */
export class StaleInvocationError extends EmulatorError {
  override readonly name = 'StaleInvocationError';
  constructor(path: string) {
    super('FE_STALE_INVOCATION', `${path} called by an invocation of a disposed emulator`);
  }
}
