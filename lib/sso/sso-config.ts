import { env, type Env } from "@/lib/env";

/** The portal's one OpenID Connect provider, from SSO_ISSUER, SSO_CLIENT_ID, SSO_CLIENT_SECRET and SSO_NAME. */
export type SsoConfig = { issuer: string; clientId: string; clientSecret: string; name: string };

/** next-auth's id for the provider: its callback is `/api/auth/callback/sso`. */
export const SSO_PROVIDER_ID = "sso";

/** Single sign-on's settings, or null when it is not configured (lib/env.ts makes it all three or none). */
export function ssoConfig(
  settings: Pick<Env, "SSO_ISSUER" | "SSO_CLIENT_ID" | "SSO_CLIENT_SECRET" | "SSO_NAME"> = env(),
): SsoConfig | null {
  const { SSO_ISSUER, SSO_CLIENT_ID, SSO_CLIENT_SECRET, SSO_NAME } = settings;
  if (!SSO_ISSUER || !SSO_CLIENT_ID || !SSO_CLIENT_SECRET) return null;
  return { issuer: normaliseIssuer(SSO_ISSUER), clientId: SSO_CLIENT_ID, clientSecret: SSO_CLIENT_SECRET, name: SSO_NAME };
}

/** Issuers compare without a trailing slash ("https://idp.example.com/" is "https://idp.example.com"). */
export function normaliseIssuer(issuer: string): string {
  return issuer.replace(/\/+$/, "");
}

/** What the UI needs to know: whether there is a button, and its name. Never the client's credentials. */
export function ssoDisplay(): { name: string; issuer: string } | null {
  const config = ssoConfig();
  return config ? { name: config.name, issuer: config.issuer } : null;
}
