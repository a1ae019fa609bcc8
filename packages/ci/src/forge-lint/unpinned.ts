import type { LintResultRule } from '@forge/lint';
import { LintClass } from '@forge/lint';

/** A `requestJira` / `requestConfluence` / `requestBitbucket` call the permission linter found. */
export interface ProductCall {
  product: string;
  path: string;
  method: string;
  line: number;
  column: number;
}

/**
 * The product calls whose path matches none of the pinned spec's paths. `@forge/lint`'s product
 * verifier skips such a call silently (it only checks scopes of paths it knows), so with pinned
 * subsets an unpinned call would go unchecked: this turns it into an error instead.
 */
export function unpinnedCalls(calls: readonly ProductCall[], pinned: ReadonlyMap<string, readonly RegExp[]>): LintResultRule[] {
  return calls
    .filter((call) => {
      const bare = call.path.replace(/\?.+$/, '');
      return !(pinned.get(call.product) ?? []).some((regex) => regex.test(bare));
    })
    .map((call) => ({
      class: LintClass.Error,
      message: `${call.method.toUpperCase()} ${call.path}: no path of the pinned ${call.product} spec matches, so its scopes cannot be checked offline; copy the path from the product's OpenAPI spec into packages/ci/openapi/`,
      reference: 'forge-lint-offline/unpinned-product-path',
      line: call.line,
      column: call.column,
    }));
}
