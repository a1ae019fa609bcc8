/** Builds the manifest objects of the apps the bench defines in code (defineApp). */

export interface FunctionSpec {
  key: string;
  handler: string;
  timeoutSeconds?: number;
}

export interface ManifestSpec {
  uuid: string;
  triggers: Array<{ key: string; function: string; events: string[] }>;
  consumers: Array<Record<string, unknown>>;
  functions: FunctionSpec[];
  scopes: string[];
  /** `app.storage.entities` (custom entities, e.g. the library's version records). */
  entities?: object[];
}

export function manifest(spec: ManifestSpec): object {
  return {
    app: {
      id: `ari:cloud:ecosystem::app/${spec.uuid}`,
      runtime: { name: 'nodejs22.x' },
      ...(spec.entities === undefined ? {} : { storage: { entities: spec.entities } }),
    },
    modules: { trigger: spec.triggers, consumer: spec.consumers, function: spec.functions },
    permissions: { scopes: spec.scopes },
  };
}
