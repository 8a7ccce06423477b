import { z } from "zod";
import { callBank } from "@/lib/bank/call-bank";
import type { sandboxConsentTokensDto } from "./consent-dto";

export const mintSandboxConsentInput = z.strictObject({
  persona: z.string().trim().min(1).max(64),
  permissions: z
    .array(z.enum(["accounts:read", "transactions:read", "payments:write"]))
    .min(1)
    .max(3),
});

export type SandboxConsentTokens = z.output<typeof sandboxConsentTokensDto>;

/** The docs' "Authorise as persona": a sandbox consent and tokens, minted at the bank for the app. */
export async function mintSandboxConsent(options: {
  appId: string;
  input: z.output<typeof mintSandboxConsentInput>;
}): Promise<SandboxConsentTokens> {
  return callBank<SandboxConsentTokens>({ appId: options.appId, method: "POST", path: "/v1/sandbox/consents", body: options.input });
}
