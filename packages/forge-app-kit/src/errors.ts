/** Codes of the errors this kit raises. */
export type ForgeAppKitErrorCode = 'KIT_BAD_MANIFEST' | 'KIT_BUNDLE_FAILED';

/** A Forge app the kit cannot bundle: a manifest without usable handlers, or webpack errors. */
export class ForgeBundleError extends Error {
  override readonly name = 'ForgeBundleError';
  readonly code: ForgeAppKitErrorCode;
  constructor(code: ForgeAppKitErrorCode, message: string, options?: { cause?: unknown }) {
    super(`[forge-bundle] ${message}`, options);
    this.code = code;
  }
}
