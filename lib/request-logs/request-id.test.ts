import { describe, expect, it } from "vitest";
import { newId } from "@openbank/contracts/ids";
import { pastedRequestId, requestHref } from "./request-id";

describe("a pasted request id", () => {
  it("is recognised as the gateway writes it, also with the quotes and spaces it was copied with", () => {
    const id = newId("request");
    for (const pasted of [id, `  ${id} `, `"${id}"`, `\`${id}\``, `"${id}",`]) expect(pastedRequestId(pasted)).toBe(id);
    expect(requestHref(id)).toBe(`/dashboard/requests/${id}`);
  });

  it("is not a path, another kind of id, or an id with something around it", () => {
    for (const text of ["", "/v1/payments", "req_", "key_abc", `req_abc/def`, "see req_abc", "req_ab-cd", null, undefined])
      expect(pastedRequestId(text)).toBeNull();
  });
});
