import type { Account, Profile, User } from "next-auth";
import { cookies, headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { env } from "@/lib/env";
import { sessionFromCookie } from "@/lib/sessions/current-session";
import { revokeSession } from "@/lib/sessions/session-store";
import { teamsRequiringSso } from "@/lib/team-policies/sso-policy";
import { resolveSsoUser, ssoClaims } from "./resolve-sso-user";
import { SSO_PROVIDER_ID, ssoConfig } from "./sso-config";
import type { SsoSignInError } from "./sso-errors";
import type { SsoProfile } from "./sso-provider";

/** Where a refused sign-in goes: the sign-in page says why; someone already signed in reads it on the security page. */
function refusal(error: SsoSignInError, signedIn: boolean): string {
  const base = env().PORTAL_URL.replace(/\/$/, "");
  return signedIn
    ? `${base}/account/security?${new URLSearchParams({ sso_error: error })}`
    : `${base}/signin?${new URLSearchParams({ error })}`;
}

/**
 * next-auth's signIn callback: decides every sign-in before its session exists.
 * - Single sign-on: finds, links or creates the portal account (resolveSsoUser) and hands its id
 *   to the jwt callback through `user` (next-auth passes the same object on), which records the
 *   session's method as "sso". A browser that was signed in (linking, or confirming it's them)
 *   must come back as the same account, and its old session is ended: the new one replaces it.
 * - Any other way in (password, passkey): refused for a member whose email is on the domain of a
 *   team that requires single sign-on. Checked after the credentials, so it reveals nothing to
 *   someone without them.
 * Returns true, or the URL to send the browser to (absolute: next-auth's client parses it).
 */
export async function signInPolicy(params: { user: User; account: Account | null; profile?: Profile }): Promise<true | string> {
  const config = ssoConfig();
  if (!config) return true;
  if (params.account?.provider === SSO_PROVIDER_ID) {
    const current = await sessionFromCookie(await cookies());
    const result = await resolveSsoUser({
      claims: ssoClaims(params.profile as SsoProfile, config.issuer),
      ip: clientIp(await headers()),
      expectUserId: current?.user.id,
    });
    if (!result.ok) return refusal(result.error, current !== null);
    if (current) await revokeSession(current.user.id, current.id);
    Object.assign(params.user, { id: result.user.id, email: result.user.email, name: result.user.name, method: "sso" });
    return true;
  }
  if (params.user?.id && (await teamsRequiringSso(params.user.id)).length > 0) return refusal("SsoRequired", false);
  return true;
}
