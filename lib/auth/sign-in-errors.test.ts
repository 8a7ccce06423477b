import { describe, expect, it } from "vitest";
import { signInErrorMessage, tooManyAttemptsError } from "./sign-in-errors";

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
