import { describe, expect, it } from "vitest";
import { parseDocsChoice, serializeDocsChoice, type DocsChoice } from "./docs-choice";

describe("the docs choice cookie", () => {
  it("round-trips every kind of choice", () => {
    const choices: DocsChoice[] = [
      { kind: "key", keyId: "key_3x9AbC" },
      { kind: "pasted", prefix: "sk_sandbox_AbCd…wxyz" },
      { kind: "none" },
    ];
    for (const choice of choices) expect(parseDocsChoice(serializeDocsChoice(choice))).toEqual(choice);
  });

  it("rejects what it did not write: no cookie, other kinds, oversized or odd ids, a whole secret", () => {
    for (const raw of [
      undefined,
      "",
      "key:",
      "key",
      "app:app_1",
      `key:${"a".repeat(65)}`,
      "key:key_1;drop",
      "%E0%A4%A",
      "pasted:sk_sandbox_FXMLgDsXUDvPi0JY5T66mZynrw5XFY0y3cWG",
    ]) {
      expect(parseDocsChoice(raw)).toBeNull();
    }
  });
});
