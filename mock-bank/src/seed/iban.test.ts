import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ibanCheckDigits, isValidIban, ukIban } from "./iban";

describe("IBAN check digits", () => {
  it("matches published examples", () => {
    expect(isValidIban("GB82WEST12345698765432")).toBe(true);
    expect(ibanCheckDigits("GB", "WEST12345698765432")).toBe("82");
    expect(isValidIban("GB83WEST12345698765432")).toBe(false);
  });

  it("makes valid UK IBANs for any sort code and account number", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^\d{8}$/), (sortCode, accountNumber) => {
        const iban = ukIban("OBSX", sortCode, accountNumber);
        expect(iban).toMatch(/^GB\d{2}OBSX\d{14}$/);
        expect(isValidIban(iban)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
