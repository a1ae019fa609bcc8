/** The parts of a Forge manifest.yml the apps' tests read (not a full schema: @forge/manifest validates). */
export interface FunctionModule { key: string; handler: string; timeoutSeconds?: number }
export interface TriggerModule { key: string; function: string; events: string[] }
export interface ConsumerModule { key: string; queue: string; function?: string; resolver?: { function: string; method: string } }
export interface Manifest {
  app: { id: string; runtime: { name: string }; storage?: { entities?: unknown[] } };
  modules: { function: FunctionModule[]; trigger: TriggerModule[]; consumer: ConsumerModule[] };
  permissions: { scopes: string[] };
}
