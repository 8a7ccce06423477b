import { describe, expect, it } from "vitest";
import {
  PASSKEY_FAILED,
  signInErrorMessage,
  tooManyAttemptsError,
  TWO_FACTOR_INVALID,
  twoFactorRequired,
  twoFactorRequiredError,
} from "./sign-in-errors";

describe("signInErrorMessage", () => {
  it("says the same thing for any wrong email or password", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Incorrect email or password");
  });

  it("rounds the lockout up to whole minutes", () => {
    expect(signInErrorMessage(tooManyAttemptsError(900))).toBe("Too many attempts, try again in 15 minutes");
    expect(signInErrorMessage(tooManyAttemptsError(61))).toBe("Too many attempts, try again in 2 minutes");
    expect(signInErrorMessage(tooManyAttemptsError(5))).toBe("Too many attempts, try again in 1 minute");
  });

  it("says why single sign-on refused, and that a team requires it", () => {
    expect(signInErrorMessage("SsoRequired")).toMatch(/^Your team requires single sign-on/);
    expect(signInErrorMessage("SsoEmailUnverified")).toMatch(/has not verified your email address/);
    expect(signInErrorMessage("OAuthCallback")).toMatch(/did not complete/);
  });

  it("has nothing to say without an error, and a generic line for unknown ones", () => {
    expect(signInErrorMessage(undefined)).toBeUndefined();
    expect(signInErrorMessage("")).toBeUndefined();
    expect(signInErrorMessage("Configuration")).toBe("Sign-in failed. Please try again.");
  });
});

describe("the second step", () => {
  it("round-trips the factors the account has, and ignores anything else", () => {
    expect(twoFactorRequired(twoFactorRequiredError(["totp", "passkey", "recovery_code"]))).toEqual(["totp", "passkey", "recovery_code"]);
    expect(twoFactorRequired("TwoFactorRequired:passkey,bogus")).toEqual(["passkey"]);
    expect(twoFactorRequired("CredentialsSignin")).toBeNull();
    expect(twoFactorRequired(undefined)).toBeNull();
  });

  it("says what to do when the code or the passkey fails", () => {
    expect(signInErrorMessage(TWO_FACTOR_INVALID)).toMatch(/code didn't work/);
    expect(signInErrorMessage(PASSKEY_FAILED)).toMatch(/passkey didn't sign you in/);
    expect(signInErrorMessage(twoFactorRequiredError(["totp"]))).toMatch(/authenticator app/);
  });
});
