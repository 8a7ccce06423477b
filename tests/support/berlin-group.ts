import { validateConformance, type ConformanceInput } from "./standards-contract";

/**
 * Berlin Group conformance, as standards-contract.ts checks it, with one defect of the official
 * document allowed for: the answer to PUT …/authorisations/{authorisationId} is a `oneOf` of five
 * schemas that do not exclude each other (updatePsuAuthenticationResponse and
 * selectPsuAuthenticationMethodResponse accept the same bodies, and every body with `_links`
 * matches three), so no answer can match exactly one. Such a body passes when it matches two or
 * more of them (anyOf); every other error (headers, status, content type, any other operation)
 * still fails.
 */
export function expectBgConformant(input: ConformanceInput): void {
  const result = validateConformance(input);
  if (result.valid) return;
  const updatePsuData = (error: string) => /^PUT \S*authorisations\/\{authorisationId\} /.test(error);
  const overlap = result.errors.some(
    (error) => updatePsuData(error) && /→ 200: body must match exactly one schema in oneOf \{"passingSchemas":\[\d+,\d+/.test(error),
  );
  const remaining = overlap ? result.errors.filter((error) => !(updatePsuData(error) && /→ 200: body/.test(error))) : result.errors;
  if (remaining.length) throw new Error(`Not conformant to the official document:\n  ${remaining.join("\n  ")}`);
}

/** A fresh X-Request-ID, as the standard wants one per request. */
export const requestId = () => crypto.randomUUID();
