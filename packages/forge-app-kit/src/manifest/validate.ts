// Validating a manifest.yml with @forge/manifest, offline: what `forge lint` checks.
import { createRequire } from 'node:module';
import path from 'node:path';
import { ProcessorBuilder, ValidationTypes, type ManifestValidationResult, type ValidationError } from '@forge/manifest';

export interface ValidationReport { success: boolean; messages: string[] }

interface ScopesValidator { validate(manifest: unknown): Promise<ManifestValidationResult<unknown>> }

// The product-trigger scope check of @forge/manifest (its PRODUCT_TRIGGER processor) is not exported;
// its processor would compile the 2.3 MB JSON schema a second time (~10 s), so load the validator
// and its event-to-scope table from the pinned package's files and run it on the FULL result.
let triggerScopes: ScopesValidator | undefined;
function productTriggerScopes(): ScopesValidator {
  if (triggerScopes) return triggerScopes;
  const manifestOut = path.dirname(createRequire(import.meta.url).resolve('@forge/manifest'));
  const requireOut = createRequire(path.join(manifestOut, 'index.js'));
  const { ProductTriggerScopesValidator } = requireOut('./validators/product-trigger-scopes-validator.js') as {
    ProductTriggerScopesValidator: new (config: unknown) => ScopesValidator;
  };
  triggerScopes = new ProductTriggerScopesValidator(requireOut('./mapping/product-event-to-scope-mapping.json'));
  return triggerScopes;
}

const errorsOf = (result: ManifestValidationResult<unknown>): string[] =>
  (result.errors ?? []).filter((e: ValidationError) => e.level === 'error').map((e: ValidationError) => e.message);

/**
 * Runs the checks `forge lint` runs offline on a manifest file: the full validation (JSON schema,
 * module references, handler files under src/ beside it) and the product-trigger scope validation.
 * The first call compiles @forge/manifest's large JSON schema (seconds on a cold 2-core box).
 */
export async function validateManifest(file: string): Promise<ValidationReport> {
  const full = await ProcessorBuilder.instance().withValidation(ValidationTypes.FULL).build().process(file);
  const scopes = full.success ? await productTriggerScopes().validate(full.manifestObject) : undefined;
  return {
    success: full.success && (scopes?.success ?? false),
    messages: [...errorsOf(full), ...(scopes ? errorsOf(scopes) : [])],
  };
}
