/**
 * Why a sign-in went back to /signin, as next-auth's `?error=` codes: single sign-on's own refusals
 * (returned by its signIn callback, lib/sso/sso-sign-in.ts) and next-auth's OAuth failures. Pure,
 * so the sign-in form (a client component) can import it.
 */
export const SSO_SIGN_IN_ERRORS = {
  /** A password or passkey sign-in of a member whose email is on a team's single sign-on domain. */
  SsoRequired: "Your team requires single sign-on. Use the single sign-on button to sign in with your company account.",
  /** The provider did not say the address is verified, so it cannot link or create an account. */
  SsoEmailUnverified:
    "Your identity provider has not verified your email address, so we can't sign you in with it. Ask its administrator to verify the address, then try again.",
  SsoNoEmail:
    "Your identity provider did not share an email address with us. Ask its administrator to release the email claim to this portal, then try again.",
  /** An account with the address exists but never proved it owns it: linking could hand it to someone else. */
  SsoAccountUnverified:
    "An account with this email already exists but has not verified its address. Sign in to it with its password, then link single sign-on from Account → Security (or verify the address from our email first).",
  /** Signed in as one developer, the provider came back as another (accounts link by email). */
  SsoEmailMismatch:
    "Single sign-on came back with a different email address from your account's. Accounts are linked by email: use the provider account with your portal email.",
  // next-auth's OAuth failures: discovery, the provider's error (the person cancelled), a bad state or token.
  OAuthSignin: "We couldn't start single sign-on. Try again in a moment; if it keeps failing, tell your administrator.",
  OAuthCallback: "Single sign-on did not complete (it was cancelled, or the provider refused). Try again.",
  Callback: "Single sign-on did not complete. Try again.",
  AccessDenied: "Sign-in was refused.",
} as const;

export type SsoSignInError = keyof typeof SSO_SIGN_IN_ERRORS;

/** The message for a single sign-on error code, or undefined when the code is not one of them. */
export function ssoSignInErrorMessage(error: string): string | undefined {
  return Object.hasOwn(SSO_SIGN_IN_ERRORS, error) ? SSO_SIGN_IN_ERRORS[error as SsoSignInError] : undefined;
}
