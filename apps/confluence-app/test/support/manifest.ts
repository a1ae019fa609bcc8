// Reading and validating the app's manifest.yml with @forge/manifest, offline.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ProcessorBuilder, ValidationTypes, type ManifestValidationResult, type ValidationError } from '@forge/manifest';
import { parse, stringify } from 'yaml';

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MANIFEST_PATH = path.join(APP_DIR, 'manifest.yml');

export interface FunctionModule { key: string; handler: string; timeoutSeconds?: number }
export interface TriggerModule { key: string; function: string; events: string[] }
export interface ConsumerModule { key: string; queue: string; function?: string; resolver?: { function: string; method: string } }
export interface Manifest {
  app: { id: string; runtime: { name: string }; storage?: { entities?: unknown[] } };
  modules: { function: FunctionModule[]; trigger: TriggerModule[]; consumer: ConsumerModule[] };
  permissions: { scopes: string[] };
}

export const manifestText = (file = MANIFEST_PATH): string => readFileSync(file, 'utf8');
export const readManifest = (file = MANIFEST_PATH): Manifest => parse(manifestText(file)) as Manifest;

export interface ValidationReport { success: boolean; messages: string[] }

// The product-trigger scope check of @forge/manifest (its PRODUCT_TRIGGER processor) is not exported;
// its processor would compile the 2.3 MB JSON schema a second time (~10 s), so load the validator
// and its event-to-scope table from the pinned package's files and run it on the FULL result.
const manifestOut = path.dirname(createRequire(import.meta.url).resolve('@forge/manifest'));
const requireOut = createRequire(path.join(manifestOut, 'index.js'));
interface ScopesValidator { validate(manifest: unknown): Promise<ManifestValidationResult<unknown>> }
const { ProductTriggerScopesValidator } = requireOut('./validators/product-trigger-scopes-validator.js') as {
  ProductTriggerScopesValidator: new (config: unknown) => ScopesValidator;
};
const triggerScopes = new ProductTriggerScopesValidator(requireOut('./mapping/product-event-to-scope-mapping.json'));

const errorsOf = (result: ManifestValidationResult<unknown>): string[] =>
  (result.errors ?? []).filter((e: ValidationError) => e.level === 'error').map((e: ValidationError) => e.message);

/**
 * Runs the checks `forge lint` runs offline: the full validation (JSON schema, module references,
 * handler files under src/) and the product-trigger scope validation.
 */
export async function validateManifest(file: string): Promise<ValidationReport> {
  const full = await ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build().process(file);
  const scopes = full.success ? await triggerScopes.validate(full.manifestObject) : undefined;
  return {
    success: full.success && (scopes?.success ?? false),
    messages: [...errorsOf(full), ...(scopes ? errorsOf(scopes) : [])],
  };
}

/** Writes `manifest` as manifest.yml into a fresh folder whose src/ links to the app's src/. */
const copies: string[] = [];
export async function writeManifestCopy(manifest: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'manifest-'));
  copies.push(dir);
  await symlink(path.join(APP_DIR, 'src'), path.join(dir, 'src'));
  const file = path.join(dir, 'manifest.yml');
  await writeFile(file, stringify(manifest));
  return file;
}

/** Removes the folders writeManifestCopy made. */
export async function removeManifestCopies(): Promise<void> {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** `index.onPageCreated` -> { module: 'index', name: 'onPageCreated' }. */
export function splitHandler(handler: string): { module: string; name: string } {
  const dot = handler.lastIndexOf('.');
  return { module: handler.slice(0, dot), name: handler.slice(dot + 1) };
}
