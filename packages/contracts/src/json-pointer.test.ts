import { expect, it } from "vitest";
import { toPointer } from "./json-pointer";

it("joins keys and indexes under a root, escaping ~ and / as RFC 6901 says", () => {
  expect(toPointer("/body", ["owner", "email"])).toBe("/body/owner/email");
  expect(toPointer("/body", ["lines", 2, "amount"])).toBe("/body/lines/2/amount");
  expect(toPointer("/query", ["a/b", "c~d"])).toBe("/query/a~1b/c~0d");
  expect(toPointer("/body", [])).toBe("/body");
});
