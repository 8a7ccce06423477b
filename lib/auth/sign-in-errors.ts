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
  return "Sign-in failed. Please try again.";
}
