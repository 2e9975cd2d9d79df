// The one recipe that turns a wire contract (contracts/openapi/<name>.yaml) into TypeScript types, shared
// by every adapter's `generate` script and drift test, so the committed file and the check never disagree.
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

/** The contract file of a wire format, e.g. `native` → contracts/openapi/native.yaml. */
export function contractUrl(contract) {
  return new URL(`../openapi/${contract}.yaml`, import.meta.url);
}

/**
 * The generated types of one contract. `defaultNonNullable: false` keeps fields with a documented default
 * optional (the adapter leaves them out and the provider's default applies); keys are sorted so reordering
 * the yaml does not churn the file.
 */
export async function renderWireTypes(contract) {
  const ast = await openapiTS(contractUrl(contract), { defaultNonNullable: false, alphabetize: true });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}
