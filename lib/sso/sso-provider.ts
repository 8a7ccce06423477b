import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { SSO_PROVIDER_ID, type SsoConfig } from "./sso-config";

/** The OpenID Connect claims single sign-on reads (the ID token's, completed from userinfo). */
export type SsoProfile = {
  iss?: string;
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  given_name?: string;
  family_name?: string;
};

/**
 * next-auth's OAuth/OIDC provider for the configured issuer. next-auth (openid-client) discovers
 * the endpoints, sends PKCE (S256), state and nonce, and verifies the ID token (signature, issuer,
 * audience, expiry, nonce). Many providers keep the email claims out of the ID token in the code
 * flow (OIDC Core 5.4), so they are read from userinfo then; openid-client checks that userinfo's
 * `sub` is the ID token's.
 */
export function ssoProvider(config: SsoConfig): OAuthConfig<SsoProfile> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    userinfo: {
      async request({ tokens, client }) {
        // next-auth types the token set as plain parameters; it is openid-client's TokenSet (verified ID token inside).
        const tokenSet = tokens as unknown as TokenSet;
        const claims = tokenSet.claims() as SsoProfile;
        if (claims.email !== undefined && claims.email_verified !== undefined) return claims;
        const userinfo = (await client.userinfo(tokenSet)) as Partial<SsoProfile>;
        // The signed ID token wins where both have a claim.
        return { ...userinfo, ...claims };
      },
    },
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
    },
  };
}
