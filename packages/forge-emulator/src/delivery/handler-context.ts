import type { InstallationState } from '../installation-state.js';

/**
 * The `context` argument the platform passes to a function (trigger, consumer, scheduled trigger,
 * web trigger, plain function): `installContext`, `installation` and, when the invocation acts for a
 * user, `principal: { accountId }` plus `accountId` (page "Trigger", section "Context").
 */
export function handlerContext(inst: InstallationState, accountId: string | undefined): Record<string, unknown> {
  return {
    installContext: inst.installContext,
    installation: installationOf(inst),
    principal: accountId === undefined ? undefined : { accountId },
    ...(accountId === undefined ? {} : { accountId }),
  };
}

/** `installation` as the runtime describes it (`{ ari, contexts }`), plus the emulator's `id`. */
export function installationOf(inst: InstallationState): Record<string, unknown> {
  return { id: inst.id, ari: `ari:cloud:ecosystem::installation/${inst.id}`, contexts: [inst.installContext] };
}

/**
 * The second argument of a resolver-style handler (what `@forge/resolver`'s `getDefinitions()` reads:
 * `installContext`, `principal.accountId`, `license`, `installation`).
 */
export function backendRuntimePayload(inst: InstallationState, accountId: string | undefined): Record<string, unknown> {
  return {
    installContext: inst.installContext,
    principal: accountId === undefined ? undefined : { accountId },
    license: undefined,
    installation: installationOf(inst),
  };
}
