/** Codes of the errors the pipeline tools raise. */
export type CiErrorCode = 'CI_BAD_MANIFEST' | 'CI_LINT_FAILED' | 'CI_BAD_ARGS' | 'CI_GIT_FAILED';

/** What the pipeline tools refuse: an unreadable manifest, bad arguments, a failed git call. */
export class CiError extends Error {
  override readonly name = 'CiError';
  readonly code: CiErrorCode;
  constructor(code: CiErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[ci] ${message}`, options);
    this.code = code;
  }
}
