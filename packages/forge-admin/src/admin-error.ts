// The one error the admin resolvers return to the page (as `{ ok: false, error }`, never thrown to it).

export type AdminErrorCode =
  /** The caller does not administer the site (product permissions API, as the user). */
  | 'ADMIN_REQUIRED'
  /** The permissions API could not be asked (no user, or an HTTP error). */
  | 'ADMIN_CHECK_FAILED'
  /** A destructive call without its explicit confirmation. */
  | 'CONFIRMATION_REQUIRED'
  /** The payload breaks the resolver's input rules. */
  | 'BAD_REQUEST'
  /** The dead letter or job named does not exist (any more). */
  | 'NOT_FOUND';

export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What every resolver answers: the page shows `error.message` as it is. */
export type AdminAnswer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Turns an error into the answer the page gets: typed errors keep their code, others become INTERNAL. */
export function errorAnswer(error: unknown): AdminAnswer<never> {
  if (error instanceof AdminError) return { ok: false, error: { code: error.code, message: error.message } };
  const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'INTERNAL';
  return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
}
