import { describe, expect, it } from "vitest";
import { deletedUserPseudonym } from "./pseudonym";

describe("deletedUserPseudonym", () => {
  const pepper = "test-api-key-pepper-0123456789abcdef";

  it("is stable for one account and differs between accounts", () => {
    expect(deletedUserPseudonym("usr_a", pepper)).toBe(deletedUserPseudonym("usr_a", pepper));
    expect(deletedUserPseudonym("usr_a", pepper)).not.toBe(deletedUserPseudonym("usr_b", pepper));
  });

  it("is deleted-user- and 12 hex, keyed by the pepper", () => {
    expect(deletedUserPseudonym("usr_a", pepper)).toMatch(/^deleted-user-[0-9a-f]{12}$/);
    expect(deletedUserPseudonym("usr_a", pepper)).not.toBe(deletedUserPseudonym("usr_a", `${pepper}x`));
  });
});
