import { validateWorkflowDir } from '../workflows/validate.js';

// validate-workflows <dir>: every workflow in <dir> against GitHub's workflow schema, with every
// action pinned by version; exit 1 on any problem, or when <dir> holds no workflow.
const [dir, ...rest] = process.argv.slice(2);
if (dir === undefined || rest.length > 0) {
  console.error('usage: validate-workflows <workflows-dir>');
  process.exit(2);
}
try {
  const { files, problems } = await validateWorkflowDir(dir);
  for (const { file, message } of problems) console.error(`${file}: ${message}`);
  if (files.length === 0) console.error(`validate-workflows: no workflow in ${dir}`);
  console.log(`validate-workflows: ${files.length} workflows (${files.join(', ')}), ${problems.length} problems`);
  process.exitCode = problems.length > 0 || files.length === 0 ? 1 : 0;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
