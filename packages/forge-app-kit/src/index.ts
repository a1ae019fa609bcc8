// @forge-queue/forge-app-kit: what the workspace's Forge apps share (see README).
export { bundleApp, type BundleResult } from './bundle/bundle.js';
export { forgeWebpackConfig, type ForgeWebpackOptions } from './bundle/config.js';
export { handlerModules } from './bundle/handlers.js';
export { bundledPackages, localModules, type StatsModule } from './bundle/stats.js';
export { parseBundleArgs, type BundleArgs } from './cli/args.js';
export { ForgeBundleError, type ForgeAppKitErrorCode } from './errors.js';
export { removeManifestCopies, writeManifestCopy } from './manifest/copy.js';
export { manifestPath, manifestText, readManifest, splitHandler } from './manifest/read.js';
export type { ConsumerModule, FunctionModule, Manifest, TriggerModule } from './manifest/types.js';
export { validateManifest, type ValidationReport } from './manifest/validate.js';
export { recordKey, type AppCase, type ForgeAppSpec } from './scenario/app.js';
export { runScenario, type ScenarioOptions, type ScenarioResult } from './scenario/run.js';
