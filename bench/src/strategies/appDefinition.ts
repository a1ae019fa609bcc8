/** The argument of the emulator's `defineApp` (packages/forge-emulator README). */
export interface EmulatedAppDefinition {
  name?: string;
  manifest: string | object;
  modules: Record<string, Record<string, unknown>>;
}
