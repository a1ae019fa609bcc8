/** A `uses:` line whose action is not pinned to an exact version. */
export interface UnpinnedAction {
  line: number;
  uses: string;
}

const USES = /^\s*(?:-\s+)?uses:\s*["']?([^"'\s#]+)/;
// owner/repo[/path]@v1.2.3 (an exact release) or @<40-hex commit>; ./local actions and docker:// images are exempt.
const PINNED = /@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/;

/** The `uses:` of a workflow that name a moving ref (`@v4`, `@main`) instead of an exact version. */
export function unpinnedActions(workflowText: string): UnpinnedAction[] {
  return workflowText.split('\n').flatMap((text, index) => {
    const uses = USES.exec(text)?.[1];
    if (uses === undefined || uses.startsWith('./') || uses.startsWith('docker://') || PINNED.test(uses)) return [];
    return [{ line: index + 1, uses }];
  });
}
