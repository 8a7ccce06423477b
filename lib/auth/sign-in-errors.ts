import { ssoSignInErrorMessage } from "@/lib/sso/sso-errors";

/**
 * Sign-in failures travel from `authorize()` to the form as next-auth's `error` string.
 * Pure, so the client form can import it.
 */
export const CREDENTIALS_ERROR = "CredentialsSignin";
const TOO_MANY_ATTEMPTS = "TooManyAttempts";

/** The error `authorize()` throws when the throttle refuses: "TooManyAttempts:<seconds>". */
export function tooManyAttemptsError(retryAfterSeconds: number): string {
  return `${TOO_MANY_ATTEMPTS}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** The second factors an account can finish a sign-in with, once the password was right. */
export type SecondFactorKind = "totp" | "passkey" | "recovery_code";
const TWO_FACTOR_REQUIRED = "TwoFactorRequired";
/** The password was right but the code (or passkey) after it was not. */
export const TWO_FACTOR_INVALID = "TwoFactorInvalid";
/** A passwordless passkey sign-in that did not verify (unknown passkey, expired prompt). */
export const PASSKEY_FAILED = "PasskeyFailed";

/**
 * The error `authorize()` throws when the password was right and a second factor is on:
 * "TwoFactorRequired:totp,passkey,recovery_code" (what the account has). Only someone who knows the
 * password learns this, so it reveals nothing to an enumerating stranger.
 */
export function twoFactorRequiredError(kinds: SecondFactorKind[]): string {
  return `${TWO_FACTOR_REQUIRED}:${kinds.join(",")}`;
}

/** The kinds a "TwoFactorRequired:…" error names, or null for any other error. */
export function twoFactorRequired(error: string | null | undefined): SecondFactorKind[] | null {
  if (!error?.startsWith(`${TWO_FACTOR_REQUIRED}:`)) return null;
  const known: SecondFactorKind[] = ["totp", "passkey", "recovery_code"];
  return error
    .slice(TWO_FACTOR_REQUIRED.length + 1)
    .split(",")
    .filter((kind): kind is SecondFactorKind => known.includes(kind as SecondFactorKind));
}

/** What to tell the person, or undefined when there is no error. */
export function signInErrorMessage(error: string | null | undefined): string | undefined {
  if (!error) return undefined;
  if (error === CREDENTIALS_ERROR) return "Incorrect email or password";
  if (error.startsWith(`${TOO_MANY_ATTEMPTS}:`)) {
    const seconds = Number(error.slice(TOO_MANY_ATTEMPTS.length + 1));
    const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
    return `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
  }
  if (error === "SessionRequired") return "Sign in to continue";
  const sso = ssoSignInErrorMessage(error);
  if (sso) return sso;
  if (error === TWO_FACTOR_INVALID)
    return "That code didn't work. Enter the code your authenticator app shows now, or an unused recovery code.";
  if (error === PASSKEY_FAILED) return "That passkey didn't sign you in. Try again, or use your email and password.";
  if (twoFactorRequired(error)) return "Enter the code from your authenticator app to finish signing in";
  return "Sign-in failed. Please try again.";
}
