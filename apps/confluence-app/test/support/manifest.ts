// Reading and validating the app's manifest.yml with @forge/manifest, offline.
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';
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

/**
 * Runs the checks `forge lint` runs offline: the full validation (JSON schema, module references,
 * handler files under src/) and the product-trigger scope validation.
 */
export async function validateManifest(file: string): Promise<ValidationReport> {
  const messages: string[] = [];
  let success = true;
  for (const type of [ValidationTypes.FULL, ValidationTypes.PRODUCT_TRIGGER]) {
    const result = await ProcessorBuilder.instance().withValidation(type).build().process(file);
    success &&= result.success;
    messages.push(...(result.errors ?? []).filter((e) => e.level === 'error').map((e) => e.message));
  }
  return { success, messages };
}

/** Writes `manifest` as manifest.yml into a fresh folder whose src/ links to the app's src/. */
export async function writeManifestCopy(manifest: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'manifest-'));
  await symlink(path.join(APP_DIR, 'src'), path.join(dir, 'src'));
  const file = path.join(dir, 'manifest.yml');
  await writeFile(file, stringify(manifest));
  return file;
}

/** `index.onPageCreated` -> { module: 'index', name: 'onPageCreated' }. */
export function splitHandler(handler: string): { module: string; name: string } {
  const dot = handler.lastIndexOf('.');
  return { module: handler.slice(0, dot), name: handler.slice(dot + 1) };
}
