import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Manifest } from './types.js';

/** `<appDir>/manifest.yml`. */
export const manifestPath = (appDir: string): string => path.join(appDir, 'manifest.yml');

/** The text of a manifest file. */
export const manifestText = (file: string): string => readFileSync(file, 'utf8');

/** A manifest file, parsed. */
export const readManifest = (file: string): Manifest => parse(manifestText(file)) as Manifest;

/** `index.onIssueCreated` -> { module: 'index', name: 'onIssueCreated' }. */
export function splitHandler(handler: string): { module: string; name: string } {
  const dot = handler.lastIndexOf('.');
  return { module: handler.slice(0, dot), name: handler.slice(dot + 1) };
}
