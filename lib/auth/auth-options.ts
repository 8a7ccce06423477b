import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { createSession, findActiveSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "@/lib/sessions/session-store";
import { ssoConfig } from "@/lib/sso/sso-config";
import { ssoProvider } from "@/lib/sso/sso-provider";
import { signInPolicy } from "@/lib/sso/sso-sign-in";
import { clientIp } from "./client-ip";
import { passkeySignIn, secondFactorSignIn } from "./second-factor-sign-in";
import { nextAuthRedirect } from "./safe-callback-url";
import { PASSKEY_FAILED, tooManyAttemptsError } from "./sign-in-errors";
import { countSignInAttempt } from "./sign-in-throttle";
import { accountThrottle } from "./throttles";
import { credentialsSchema } from "./schemas";
import { verifyCredentials } from "./verify-credentials";

let options: NextAuthOptions | undefined;

/** What the jwt callback throws for a cookie whose session row no longer works. */
const SESSION_ENDED = "session ended";

/**
 * next-auth configuration, built on first use (not at import, so `next build` needs no
 * secrets). The JWT carries the user id (`sub`) and a session row's id (`sid`): the row, not
 * the cookie, decides whether the session still works (lib/sessions), so it can be revoked.
 */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  const { PORTAL_URL, NEXTAUTH_SECRET } = env();
  const sso = ssoConfig();

  options = {
    secret: NEXTAUTH_SECRET,
    useSecureCookies: new URL(PORTAL_URL).protocol === "https:",
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          // The second step, with a second factor on: an authenticator or recovery code, or a passkey assertion (JSON).
          code: { label: "Authentication code", type: "text" },
          passkey: { label: "Passkey", type: "hidden" },
        },
        async authorize(credentials, request) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;

          const ip = clientIp(request.headers ?? {});
          const { decision, succeeded } = await countSignInAttempt(
            { signIn: accountThrottle("signIn"), signInAccount: accountThrottle("signInAccount") },
            { email, ip },
          );
          // next-auth hands a thrown message to the form as `error`; see sign-in-errors.ts.
          if (!decision.allowed) throw new Error(tooManyAttemptsError(decision.retryAfterSeconds));

          const result = await verifyCredentials({ email, password });
          if (!result.ok) return null; // the form says "Incorrect email or password"
          // With a second factor on, the password alone throws "TwoFactorRequired:…"; the throttle counts every try until one succeeds.
          const method = await secondFactorSignIn({
            userId: result.user.id,
            code: credentials?.code,
            passkey: credentials?.passkey,
            ip,
          });
          await succeeded();
          return { ...result.user, method };
        },
      }),
      CredentialsProvider({
        id: "passkey",
        name: "Passkey",
        credentials: { passkey: { label: "Passkey", type: "hidden" } },
        async authorize(credentials) {
          // The assertion is the proof: only the private key in the developer's authenticator can sign the challenge.
          const user = await passkeySignIn(credentials?.passkey);
          if (!user) throw new Error(PASSKEY_FAILED);
          return { ...user, method: "passkey" };
        },
      }),
      // Single sign-on with the configured OpenID provider (lib/sso), only when SSO_* are set.
      ...(sso ? [ssoProvider(sso)] : []),
    ],
    callbacks: {
      // Links or creates the account of a single sign-on, and refuses other sign-ins where a team requires SSO.
      signIn: signInPolicy,
      // Never throws on a malformed callbackUrl (next-auth's default answered 500), never leaves the site.
      redirect: nextAuthRedirect,
      async jwt({ token, user, account }) {
        if (user) {
          // A sign-in: a new session row, so the session id changes whenever someone signs in.
          const request = await headers();
          const method = (user as { method?: string }).method ?? (account?.provider === "credentials" ? "password" : "sso");
          const session = await createSession({
            userId: user.id,
            method,
            origin: { userAgent: request.get("user-agent"), ip: clientIp(request) },
          });
          // Only the two ids: the row holds the rest, so a revoked session leaves no profile in its cookie.
          return { sub: user.id, sid: session.id };
        }
        // next-auth's own /api/auth/session: a revoked or expired session answers nothing and its
        // cookie is cleared (next-auth does both when this throws) instead of being renewed.
        if (!token.sub || typeof token.sid !== "string" || !(await findActiveSession(token.sid, token.sub))) {
          throw new Error(SESSION_ENDED);
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sub && typeof token.sid === "string") await revokeSession(token.sub, token.sid);
      },
    },
    // next-auth's default logger prints stack traces and request metadata; keep one short line.
    logger: {
      error(code, metadata) {
        const message = metadata instanceof Error ? metadata.message : (metadata.error?.message ?? "");
        if (message === SESSION_ENDED) return; // a signed-out cookie asking for its session: expected, not an error
        console.error(`[next-auth] ${code}${message ? `: ${message}` : ""}`);
      },
      warn(code) {
        console.warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
  return options;
}
