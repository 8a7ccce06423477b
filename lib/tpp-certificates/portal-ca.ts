import { env } from "../env";
import { sandboxCa, type SandboxCa } from "./sandbox-ca";

/**
 * The portal's sandbox CA: derived from API_KEY_PEPPER, the portal's credential secret (the bank
 * never needs the CA). A new pepper is a new CA: certificates issued before stop verifying, as
 * API keys hashed with the old pepper stop matching.
 */
export function portalCa(): Promise<SandboxCa> {
  return sandboxCa(env().API_KEY_PEPPER);
}
