import { describe, expect, it } from "vitest";
import { passwordProblems, passwordSchema } from "./password-policy";
import { signUpSchema } from "./schemas";

describe("passwordProblems", () => {
  it("accepts a long mixed password", () => {
    expect(passwordProblems("correct horse 42")).toEqual([]);
    expect(passwordProblems("Tangerine-Kayak")).toEqual([]);
  });

  it("asks for at least 10 characters (and says nothing else yet)", () => {
    expect(passwordProblems("Ab1!")).toEqual(["Use at least 10 characters"]);
  });

  it("refuses a single character class", () => {
    for (const password of ["abcdefghijkl", "ABCDEFGHIJKL", "123456789012", "!!!!!!!!!!!!"]) {
      expect(passwordProblems(password)).toContain("Mix character types: add a number, a symbol or a capital letter");
    }
  });

  it("refuses common passwords, also with digits or symbols added", () => {
    for (const password of ["Qwertyuiop", "Password123", "password2024!", "Letmein!!!!!"]) {
      expect(passwordProblems(password)).toContain("This password is too common; choose something harder to guess");
    }
  });

  it("refuses a password containing the email's local part, case-insensitively", () => {
    expect(passwordProblems("Hello-Ada.Lovelace1", { email: "ada.lovelace@example.com" })).toContain(
      "Don't include your email address in your password",
    );
    // Very short local parts would refuse too much.
    expect(passwordProblems("my-ab-password-42", { email: "ab@example.com" })).toEqual([]);
  });

  it("refuses more than 72 bytes, counting UTF-8", () => {
    expect(passwordProblems("a1".repeat(36))).toEqual([]);
    expect(passwordProblems("a1".repeat(36) + "x")[0]).toMatch(/at most 72/);
    expect(passwordProblems("é1".repeat(25))[0]).toMatch(/at most 72/); // 75 bytes, 50 characters
  });
});

describe("passwordSchema / signUpSchema", () => {
  it("reports password problems as issues on the password path", () => {
    const result = signUpSchema.safeParse({ name: "Ada", email: "ada.lovelace@example.com", password: "short" });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["password"], message: "Use at least 10 characters" })]);
  });

  it("checks the email rule once the fields are valid, without repeating other problems", () => {
    const result = signUpSchema.safeParse({ name: "Ada", email: "ada.lovelace@example.com", password: "ada.lovelace-1" });
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [["password"], "Don't include your email address in your password"],
    ]);
  });

  it("normalises email and trims name", () => {
    expect(signUpSchema.parse({ name: "  Ada ", email: " Ada@Example.COM ", password: "correct horse 42" })).toEqual({
      name: "Ada",
      email: "ada@example.com",
      password: "correct horse 42",
    });
  });

  it("gives field-specific messages for missing fields", () => {
    const result = signUpSchema.safeParse({});
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["name", "Enter your name"],
      ["email", "Enter your email address"],
      ["password", "Enter a password"],
    ]);
    expect(passwordSchema.safeParse(42).error?.issues[0].message).toBe("Enter a password");
  });
});
