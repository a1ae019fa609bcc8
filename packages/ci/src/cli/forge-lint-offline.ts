import { reportLintResults } from '@forge/lint';
import { lintApp } from '../forge-lint/lint-app.js';

// forge-lint-offline [appDir]: @forge/lint's client-side linters on one app, exit 1 on any error.
const [appDir = '.', ...rest] = process.argv.slice(2);
if (rest.length > 0 || appDir.startsWith('-')) {
  console.error('usage: forge-lint-offline [appDir]');
  process.exit(2);
}
try {
  const report = await lintApp(appDir);
  const logger = {
    info: (line: string) => {
      console.log(line);
    },
  };
  for (const line of report.linterFailures) console.log(line);
  reportLintResults(logger, report.results);
  console.log(`forge-lint-offline: ${report.parsed.length} of ${report.files.length} source files, ${report.errors} errors, ${report.warnings} warnings, ${report.linterFailures.length} failed linters (client-side linters; product REST scopes from packages/ci/openapi/)`);
  process.exitCode = report.ok ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
