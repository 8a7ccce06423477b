import { z } from "zod";
import { resourceId, text, timestamp } from "@/lib/portal-api/schemas";
import { CLIENT_PROFILES, toClientProfile } from "@/lib/oauth-clients/client-profile";

/**
 * A client that registered itself at the bank's `/oauth/register` (RFC 7591) with the app's
 * software statement. Its auth method is whatever the client asked for and the bank accepted
 * (oidc-provider knows more than the portal client's two), so it is text, not an enum.
 */
export const registeredClientDto = z.object({
  client_id: resourceId.describe("`dcr_…`: the id the bank gave the client at registration."),
  client_name: text(200).describe("The app's name, from the software statement."),
  redirect_uris: z.array(text(2000)).max(10).describe("Among the statement's redirect URIs."),
  token_endpoint_auth_method: text(40).describe("How it authenticates at the token endpoint, e.g. `private_key_jwt`."),
  profile: z
    .enum(CLIENT_PROFILES)
    .describe(
      "`fapi2` when it registered with `private_key_jwt`, `dpop_bound_access_tokens` and `require_pushed_authorization_requests`; `basic` otherwise.",
    ),
  created_at: timestamp.describe("When it registered."),
});

export type RegisteredClientDto = z.output<typeof registeredClientDto>;

/** A row of the bank's internal list (mock-bank/src/domain/oauth/registered-clients.ts). */
export type BankRegisteredClient = {
  client_id: string;
  client_name: string;
  redirect_uris: unknown;
  token_endpoint_auth_method: string;
  profile: string;
  created_at: string;
};

/** The bank's row as the API shows it: a profile the portal does not know reads as Basic (never as FAPI 2.0). */
export function toRegisteredClientDto(row: BankRegisteredClient): RegisteredClientDto {
  return {
    client_id: row.client_id,
    client_name: row.client_name,
    redirect_uris: Array.isArray(row.redirect_uris) ? row.redirect_uris.filter((uri): uri is string => typeof uri === "string") : [],
    token_endpoint_auth_method: row.token_endpoint_auth_method,
    profile: toClientProfile(row.profile),
    created_at: row.created_at,
  };
}
