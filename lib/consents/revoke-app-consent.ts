import { AppError } from "@openbank/contracts/errors";
import { callBank } from "@/lib/bank/call-bank";
import type { ConsentSummary } from "./list-app-consents";

/** Revokes one of the app's consents at the bank: its tokens stop working at once. */
export async function revokeAppConsent(options: { appId: string; consentId: string }): Promise<ConsentSummary> {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(options.consentId)) throw new AppError("resource_not_found", `No consent ${options.consentId}.`);
  return callBank<ConsentSummary>({ appId: options.appId, method: "DELETE", path: `/v1/consents/${options.consentId}` });
}
