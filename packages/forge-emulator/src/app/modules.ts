import { ManifestError } from '../errors.js';

/** Module types whose backend behaviour the emulator runs. */
export const EMULATED_MODULES: ReadonlySet<string> = new Set(['function', 'trigger', 'consumer', 'scheduledTrigger', 'webtrigger', 'event']);

/**
 * UI-only modules: the product renders them (Custom UI or UI Kit) and their backend calls reach the
 * app's functions through resolvers, which the emulator runs. Accepted and inert.
 */
export const UI_ONLY_MODULES: ReadonlySet<string> = new Set([
  'jira:adminPage', 'jira:globalPage', 'jira:projectPage', 'jira:projectSettingsPage', 'jira:personalSettingsPage', 'jira:fullPage',
  'jira:issuePanel', 'jira:issueGlance', 'jira:issueAction', 'jira:issueActivity', 'jira:issueContext', 'jira:issueNavigatorAction',
  'jira:backlogAction', 'jira:boardAction', 'jira:sprintAction', 'jira:dashboardGadget', 'jira:globalBackgroundScript',
  'jira:issueViewBackgroundScript', 'jira:dashboardBackgroundScript',
  'confluence:globalSettings', 'confluence:globalPage', 'confluence:spacePage', 'confluence:spaceSettings', 'confluence:fullPage',
  'confluence:contentAction', 'confluence:contentBylineItem', 'confluence:contextMenu', 'confluence:homepageFeed',
  'confluence:pageBanner', 'confluence:attachmentAction', 'confluence:backgroundScript', 'macro',
  'jiraServiceManagement:portalFooter', 'jiraServiceManagement:portalHeader', 'jiraServiceManagement:portalSubheader',
  'jiraServiceManagement:portalRequestDetail', 'jiraServiceManagement:portalRequestDetailPanel', 'jiraServiceManagement:portalRequestViewAction',
  'jiraServiceManagement:portalUserMenuAction', 'jiraServiceManagement:portalProfilePanel', 'jiraServiceManagement:queuePage',
  'jiraServiceManagement:organizationPanel', 'compass:adminPage', 'compass:componentPage', 'compass:globalPage', 'compass:teamPage',
  'bitbucket:repoMainMenuPage', 'bitbucket:repoSettingsMenuPage', 'bitbucket:workspaceGlobalPage', 'bitbucket:workspaceSettingsMenuPage',
  'bitbucket:workspacePersonalSettingsPage', 'bitbucket:projectSettingsMenuPage', 'bitbucket:repoCodeOverviewCard', 'bitbucket:repoPullRequestCard',
  'bitbucket:repoCodeOverviewPanel', 'bitbucket:repoPullRequestOverviewPanel', 'bitbucket:repoCodeOverviewAction', 'bitbucket:repoPullRequestAction',
  'global:fullPage', 'global:ui',
]);

/** Top-level manifest keys the emulator reads or may safely ignore (`resources` are Custom UI files). */
const TOP_LEVEL = new Set(['app', 'modules', 'permissions', 'resources', 'remotes', 'providers', 'environment', 'translations', 'overrides']);

/**
 * Refuses what the emulator does not emulate, naming it: a module type that is neither emulated nor
 * UI-only, a top-level section with behaviour (`connectModules`, `services`), and modules wired to a
 * Forge Remote `endpoint`. `accept` lists module types the caller declares inert on purpose.
 */
export function checkModules(manifest: Record<string, unknown>, accept: readonly string[] = []): void {
  const refused: string[] = [];
  for (const key of Object.keys(manifest)) {
    if (TOP_LEVEL.has(key)) continue;
    const v = manifest[key];
    const empty = v === null || v === undefined || (typeof v === 'object' && Object.keys(v).length === 0);
    if (!empty && !accept.includes(key)) refused.push(`top-level '${key}'`);
  }
  const modules = (manifest.modules ?? {}) as Record<string, unknown>;
  for (const [type, list] of Object.entries(modules)) {
    if (EMULATED_MODULES.has(type)) {
      for (const m of Array.isArray(list) ? (list as Array<Record<string, unknown>>) : []) {
        if (m.endpoint !== undefined && m.function === undefined) refused.push(`${type} '${String(m.key)}' (Forge Remote endpoint ${JSON.stringify(m.endpoint)})`);
      }
      continue;
    }
    if (UI_ONLY_MODULES.has(type) || accept.includes(type)) continue;
    const keys = (Array.isArray(list) ? (list as Array<Record<string, unknown>>) : []).map((m) => String(m.key)).join(', ');
    refused.push(`module '${type}'${keys === '' ? '' : ` (${keys})`}`);
  }
  if (refused.length > 0) {
    throw new ManifestError(
      `not emulated: ${refused.join('; ')}. The emulator runs function, trigger, consumer, scheduledTrigger, webtrigger and event modules and accepts UI-only modules; see DIFFERENCES.md, "Modules, triggers and runtime" (pass { acceptModules: [...] } to loadApp/defineApp, or --accept to forge-emulator run, to load the app with these modules inert)`,
    );
  }
}
