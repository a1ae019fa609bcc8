import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { shareSchemaCompiles } from './shared-schema-compile.js';

// The copies of ajv and tslib that @forge/manifest loads.
const manifestRequire = createRequire(createRequire(import.meta.url).resolve('@forge/manifest'));
type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const Ajv = (manifestRequire('ajv') as { default: new (options: object) => { compile: (schema: object) => Validate } }).default;
const { __importStar } = manifestRequire('tslib') as { __importStar: (module: object) => object };

const schema = { type: 'object', properties: { timeoutSeconds: { type: 'integer', maximum: 900 } }, required: ['timeoutSeconds'] };

describe('shareSchemaCompiles', () => {
  shareSchemaCompiles();

  test('two ajv instances with the same options share the function compiled for one schema, also through an __importStar wrapper', () => {
    const first = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(new Ajv({ allErrors: true, strict: false }).compile(schema)).toBe(first);
    expect(new Ajv({ allErrors: true, strict: false }).compile(__importStar(schema))).toBe(first);
  });

  test('another schema with the same contents, or other options, gets its own compile', () => {
    const first = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(new Ajv({ allErrors: true, strict: false }).compile(structuredClone(schema))).not.toBe(first);
    expect(new Ajv({ allErrors: false, strict: false }).compile(schema)).not.toBe(first);
  });

  test('the shared function validates as its own compile does', () => {
    const shared = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(shared({ timeoutSeconds: 900 })).toBe(true);
    expect(shared({ timeoutSeconds: 901 })).toBe(false);
    expect(shared.errors).toEqual([expect.objectContaining({ instancePath: '/timeoutSeconds', keyword: 'maximum' })]);
  });
});
