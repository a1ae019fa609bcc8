/**
 * The answer to a runtime request the emulator does not serve (a `__forge_fetch__` target other than
 * product REST, KVS, queues and legacy storage): 501 with a body naming it and DIFFERENCES.md, and the
 * `forge-proxy-error` header through which `@forge/api` turns it into a thrown `ProxyRequestError`
 * (or `SendEmailError`), so nothing reads it as an answer of the remote, container or mail server.
 */
const WHAT: Record<string, string> = {
  frc: 'Forge Remote (invokeRemote)',
  fcc: 'Forge Containers (invokeService)',
  tpp: 'external authentication (asUser().withProvider())',
  emails: 'sending email (sendEmail)',
  realtime: 'Forge Realtime (only publish and publishGlobal are emulated)',
};

export function notEmulatedResponse(target: Record<string, unknown>, path: string): Response {
  const type = typeof target.type === 'string' ? target.type : 'unknown';
  const what = WHAT[type] ?? `runtime request type '${type}'`;
  const message = `[forge-emulator] ${what}: ${path} is not emulated; see DIFFERENCES.md of @forge-queue/forge-emulator`;
  return new Response(JSON.stringify({ code: 'NOT_EMULATED', message }), {
    status: 501,
    headers: { 'content-type': 'application/json', 'forge-proxy-error': `NOT_EMULATED (${message})` },
  });
}
