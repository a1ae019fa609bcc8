import { fileURLToPath } from 'node:url';

/** The repository root, and the workspace's two apps. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const apps = ['jira-app', 'confluence-app'] as const;
export const appDir = (app: string): string => `${repoRoot}apps/${app}`;
