import { callBank } from "./call-bank";

/** A consent as the bank's /v1/consents returns it (mock-bank/src/schemas/consent.ts). */
export type ConsentSummary = {
  id: string;
  customer_id: string;
  persona: string | null;
  status: "authorised" | "revoked" | "expired";
  permissions: string[];
  account_ids: string[];
  source: "authorization_code" | "sandbox";
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
};

/** The app's newest consents, from the bank (the consents' one home). */
export async function listAppConsents(options: { appId: string; limit?: number }): Promise<ConsentSummary[]> {
  const page = await callBank<{ data: ConsentSummary[] }>({ appId: options.appId, method: "GET", path: `/v1/consents?limit=${options.limit ?? 50}` });
  return page.data;
}
