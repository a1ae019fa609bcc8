/** The argument of the emulator's `defineApp` (CONTRACTS.md section 1). */
export interface EmulatedAppDefinition {
  name?: string;
  manifest: string | object;
  modules: Record<string, Record<string, unknown>>;
}
