import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { unpinnedActions } from './pinned.js';

/** One problem in one workflow file. */
export interface WorkflowProblem {
  file: string;
  message: string;
}

/**
 * Every problem of one workflow: the GitHub workflow schema (`@action-validator/core`, the
 * schemastore schema compiled to WebAssembly, no binary download) and actions not pinned by version.
 */
export function workflowProblems(file: string, text: string): WorkflowProblem[] {
  const schema = validateWorkflow(text).errors.map((error) => {
    const where = 'path' in error ? ` at ${error.path}` : error.location ? ` at line ${error.location.line}` : '';
    return { file, message: `${error.title}${where}${error.detail ? `: ${error.detail}` : ''}` };
  });
  const pins = unpinnedActions(text).map(({ line, uses }) => ({
    file,
    message: `line ${line}: ${uses} is not pinned by version (use @vX.Y.Z or a commit id)`,
  }));
  return [...schema, ...pins];
}

/** The problems of every `*.yml` / `*.yaml` file in `dir`, and the files checked. */
export async function validateWorkflowDir(dir: string): Promise<{ files: string[]; problems: WorkflowProblem[] }> {
  const files = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const problems = await Promise.all(files.map(async (name) => workflowProblems(name, await readFile(path.join(dir, name), 'utf8'))));
  return { files, problems: problems.flat() };
}
