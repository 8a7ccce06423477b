import type { z } from "zod";
import { callBank } from "@/lib/bank/call-bank";
import type { consentDto } from "./consent-dto";

export type ConsentSummary = z.output<typeof consentDto>;

/** The app's newest consents, from the bank (the consents' one home). */
export async function listAppConsents(options: { appId: string; limit?: number }): Promise<ConsentSummary[]> {
  const page = await callBank<{ data: ConsentSummary[] }>({
    appId: options.appId,
    method: "GET",
    path: `/v1/consents?limit=${options.limit ?? 50}`,
  });
  return page.data;
}
