import { z } from "zod";
import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH } from "./password-rules";

/** Lower-case; a password is refused if it is one of these, optionally followed by digits or symbols. */
const COMMON_PASSWORDS = new Set([
  "password",
  "passw0rd",
  "password1",
  "qwerty",
  "qwertyuiop",
  "qwertyuiop1",
  "asdfghjkl",
  "zxcvbnm",
  "letmein",
  "welcome",
  "iloveyou",
  "admin",
  "administrator",
  "abc",
  "abcdef",
  "abcdefghij",
  "football",
  "baseball",
  "dragon",
  "monkey",
  "sunshine",
  "princess",
  "trustno",
  "superman",
  "starwars",
  "changeme",
  "secret",
  "master",
  "login",
  "sandbox",
  "openbank",
  "developer",
]);

/** Lower-case, upper-case, digit, anything else. */
function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) => pattern.test(password)).length;
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  return COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/[^a-z]+$/, ""));
}

/**
 * What is wrong with a password, in words a person can act on; empty when it is acceptable.
 * `email` enables the "contains your email name" rule.
 */
export function passwordProblems(password: string, options: { email?: string } = {}): string[] {
  if (password.length < PASSWORD_MIN_LENGTH) return [`Use at least ${PASSWORD_MIN_LENGTH} characters`];
  if (Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES) {
    return [`Use at most ${PASSWORD_MAX_BYTES} characters (fewer if they include accents or non-Latin letters)`];
  }
  const problems: string[] = [];
  if (characterClasses(password) < 2) problems.push("Mix character types: add a number, a symbol or a capital letter");
  if (isCommon(password)) problems.push("This password is too common; choose something harder to guess");
  const emailProblem = options.email ? passwordEmailProblem(password, options.email) : undefined;
  if (emailProblem) problems.push(emailProblem);
  return problems;
}

/** The one rule that needs the email: the password must not contain its local part. */
export function passwordEmailProblem(password: string, email: string): string | undefined {
  const localPart = email.split("@")[0].trim().toLowerCase();
  if (localPart.length >= 3 && password.toLowerCase().includes(localPart)) {
    return "Don't include your email address in your password";
  }
  return undefined;
}

/** A password field on its own (length, variety, common passwords). */
export const passwordSchema = z
  .string({ error: "Enter a password" })
  // passwordProblems says the same; declared here too so the published schema has its bound (chars ≤ bytes).
  .max(PASSWORD_MAX_BYTES, {
    error: `Use at most ${PASSWORD_MAX_BYTES} characters (fewer if they include accents or non-Latin letters)`,
    abort: true,
  })
  .superRefine((password, ctx) => {
    for (const message of passwordProblems(password)) ctx.addIssue({ code: "custom", message });
  });
