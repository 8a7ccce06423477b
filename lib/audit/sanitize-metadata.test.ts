import { describe, expect, it } from "vitest";
import { CREDENTIAL_FORMATS } from "@openbank/contracts/credential-formats";
import { sanitizeMetadata } from "./sanitize-metadata";

describe("sanitizeMetadata", () => {
  it("keeps ordinary details", () => {
    expect(
      sanitizeMetadata({
        old_role: "viewer",
        new_role: "admin",
        overlap_seconds: 3600,
        prefix: "sk_sandbox_AbCd…wxyz",
        uris: ["https://a.example/cb"],
      }),
    ).toEqual({
      old_role: "viewer",
      new_role: "admin",
      overlap_seconds: 3600,
      prefix: "sk_sandbox_AbCd…wxyz",
      uris: ["https://a.example/cb"],
    });
  });

  it("redacts secret-named keys and secret-looking values", () => {
    const key = "sk_sandbox_" + "A".repeat(36);
    expect(
      sanitizeMetadata({ secret: "x", token: "y", password: "z", signing_secret: "w", note: `leaked ${key}`, list: [key, "ok"] }),
    ).toEqual({
      secret: "[redacted]",
      token: "[redacted]",
      password: "[redacted]",
      signing_secret: "[redacted]",
      note: "[redacted]",
      list: ["[redacted]", "ok"],
    });
  });

  it.each(CREDENTIAL_FORMATS.map((format) => [format.description, format] as const))(
    "redacts a value holding a credential of every format: %s",
    (_, format) => {
      const credential = format.prefix + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z".slice(0, format.length).padEnd(format.length, "Q");
      expect(sanitizeMetadata({ note: `rotated ${credential}`, list: ["ok", credential] })).toEqual({
        note: "[redacted]",
        list: ["ok", "[redacted]"],
      });
    },
  );

  it("treats missing metadata as empty", () => {
    expect(sanitizeMetadata()).toEqual({});
  });
});
