import { AppError } from "@openbank/contracts/errors";
import { callBank } from "@/lib/bank/call-bank";
import { toRegisteredClientDto, type BankRegisteredClient, type RegisteredClientDto } from "./registered-client-dto";

/**
 * The clients registered at the bank with the app's software statement, newest first (at most
 * 100). The bank is their one home; the portal stores nothing. Whatever goes wrong on the bank's
 * side (down, slow, or refusing the portal's own internal call) is the bank's, so a 502: never
 * a 4xx the caller could take for theirs.
 */
export async function listRegisteredClients(options: { appId: string }): Promise<RegisteredClientDto[]> {
  let page: { data?: unknown };
  try {
    page = await callBank<{ data?: unknown }>({
      appId: options.appId,
      method: "GET",
      path: `/internal/oauth/registered-clients?${new URLSearchParams({ app_id: options.appId })}`,
    });
  } catch (error) {
    if (error instanceof AppError && error.code !== "bank_unavailable" && error.code !== "bank_timeout")
      throw new AppError("bank_unavailable", "The sandbox bank could not list the registered clients right now. Try again in a moment.");
    throw error;
  }
  if (!Array.isArray(page.data))
    throw new AppError("bank_unavailable", "The sandbox bank answered the registered clients' list unreadably.");
  return (page.data as BankRegisteredClient[]).map(toRegisteredClientDto);
}
