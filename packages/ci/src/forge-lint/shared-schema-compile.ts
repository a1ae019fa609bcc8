import { createRequire } from 'node:module';

/** The part of ajv's class (the copy `@forge/manifest` loads) this file wraps. */
interface AjvClass {
  prototype: { compile: (this: AjvInstance, schema: object, meta?: boolean) => unknown };
}

interface AjvInstance {
  opts: Record<string, unknown>;
  formats: Record<string, unknown>;
}

const require = createRequire(import.meta.url);
let installed = false;

/**
 * `@forge/manifest` 13.7 builds one `SchemaValidator` per validation processor (full, product
 * trigger, agent product context, deprecated CSP, deprecated egress, ...), each with its own ajv
 * instance compiling the same 2.3 MB manifest schema: five compiles of about 3 s each per lint
 * process, most of a `forge lint` run. This makes ajv's `compile` (only in the copy of ajv that
 * `@forge/manifest` loads) return the function already compiled for the same schema under the same
 * options, so the schema is compiled once per process. A compiled ajv function is pure: it depends
 * on its schema and options only and is called synchronously (`validate(data)` then
 * `validate.errors`), so sharing it changes no result.
 */
export function shareSchemaCompiles(): void {
  if (installed) return;
  installed = true;
  const manifestRequire = createRequire(require.resolve('@forge/manifest'));
  const ajv = manifestRequire('ajv') as { default: AjvClass };
  const { prototype } = ajv.default;
  const compile = prototype.compile;
  const compiled = new WeakMap<object, Map<string, unknown>>();
  prototype.compile = function compileOnce(schema, meta) {
    const key = sameSchemaKey(schema);
    const options = optionsKey(this, meta);
    let byOptions = compiled.get(key);
    if (!byOptions) compiled.set(key, (byOptions = new Map<string, unknown>()));
    if (!byOptions.has(options)) byOptions.set(options, compile.call(this, schema, meta));
    return byOptions.get(options);
  };
}

/**
 * tslib's `__importStar` wraps a required JSON file in a new object per importing module (its own
 * properties copied, the file's object as `default`), so each processor's schema is a different
 * object with the same contents: such a wrapper is keyed by the object it wraps.
 */
function sameSchemaKey(schema: object): object {
  const inner = (schema as { default?: unknown }).default;
  if (typeof inner !== 'object' || inner === null) return schema;
  const wrapped = inner as Record<string, unknown>;
  const outer = schema as Record<string, unknown>;
  const keys = Object.keys(wrapped);
  const isWrapper = Object.keys(outer).length === keys.length + 1 && keys.every((key) => outer[key] === wrapped[key]);
  return isWrapper ? wrapped : schema;
}

/** The instance's scalar options and format names: what decides the code ajv generates for a schema here. */
function optionsKey(instance: AjvInstance, meta: boolean | undefined): string {
  const scalars = Object.entries(instance.opts).filter(([, value]) => value === null || typeof value !== 'object');
  return JSON.stringify([scalars.filter(([, value]) => typeof value !== 'function'), Object.keys(instance.formats).sort(), meta]);
}
