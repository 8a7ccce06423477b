import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { clientIp } from "./client-ip";
import { tooManyAttemptsError } from "./sign-in-errors";
import { signInThrottle, signInThrottleKey } from "./sign-in-throttle";
import { credentialsSchema } from "./schemas";
import { verifyCredentials } from "./verify-credentials";

/** A signed-in session lasts a working week; the JWT is re-issued as it is used. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

let options: NextAuthOptions | undefined;

/**
 * next-auth configuration, built on first use (not at import, so `next build` needs no
 * secrets). Credentials only; JWT sessions carrying the user id as `sub`.
 */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  const { PORTAL_URL, NEXTAUTH_SECRET } = env();

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
        },
        async authorize(credentials, request) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;

          const throttle = signInThrottle();
          const key = signInThrottleKey({ email, ip: clientIp(request.headers ?? {}) });
          const decision = throttle.attempt(key);
          // next-auth hands a thrown message to the form as `error`; see sign-in-errors.ts.
          if (!decision.allowed) throw new Error(tooManyAttemptsError(decision.retryAfterSeconds));

          const result = await verifyCredentials({ email, password });
          if (!result.ok) return null; // the form says "Incorrect email or password"
          throttle.reset(key);
          return result.user;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
    // next-auth's default logger prints stack traces and request metadata; keep one short line.
    logger: {
      error(code, metadata) {
        const message = metadata instanceof Error ? metadata.message : (metadata.error?.message ?? "");
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
