import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pinned OpenAPI subsets (`packages/ci/openapi/`), one per spec the permission linter loads. */
export const PINNED_SPECS = {
  LOCAL_JIRA_SWAGGER: 'jira.json',
  LOCAL_JSM_SWAGGER: 'jira-service-desk.json',
  LOCAL_JSW_SWAGGER: 'jira-software.json',
  LOCAL_CONF_SWAGGER: 'confluence.json',
  LOCAL_CONF_V2_SWAGGER: 'confluence-v2.json',
  LOCAL_BB_SWAGGER: 'bitbucket.json',
} as const;

/** Folder of the pinned specs. */
export const specDir = fileURLToPath(new URL('../../openapi/', import.meta.url));

/**
 * Points `@forge/lint`'s permission linter at the pinned specs instead of developer.atlassian.com
 * (its `bootstrap()` reads `USE_LOCAL_SWAGGER` and these six `LOCAL_*` variables; with any missing
 * it fetches all six specs over the network).
 */
export function usePinnedSpecs(dir: string = specDir, env: NodeJS.ProcessEnv = process.env): void {
  env.USE_LOCAL_SWAGGER = 'true';
  for (const [name, file] of Object.entries(PINNED_SPECS)) env[name] = path.join(dir, file);
}
