import { ForgeBundleError } from '../errors.js';

const HANDLER = /^([\w/-]+)\.(\w+)$/;

interface FunctionLike { key?: unknown; handler?: unknown }

const functionsOf = (manifest: unknown): FunctionLike[] => {
  const modules = typeof manifest === 'object' && manifest !== null ? (manifest as { modules?: unknown }).modules : undefined;
  const functions = typeof modules === 'object' && modules !== null ? (modules as { function?: unknown }).function : undefined;
  return Array.isArray(functions) ? (functions as FunctionLike[]) : [];
};

/** Handler module names (`index` for `index.onIssueCreated`) named by the manifest's functions, once each. */
export function handlerModules(manifest: unknown): string[] {
  const modules = new Set<string>();
  for (const fn of functionsOf(manifest)) {
    const handler = typeof fn.handler === 'string' ? fn.handler : '';
    const match = HANDLER.exec(handler);
    if (!match?.[1]) throw new ForgeBundleError('KIT_BAD_MANIFEST', `function ${String(fn.key)}: bad handler "${handler}"`);
    modules.add(match[1]);
  }
  if (modules.size === 0) throw new ForgeBundleError('KIT_BAD_MANIFEST', 'the manifest names no function handlers');
  return [...modules];
}
