import { describe, expect, it } from "vitest";
import { OB_ERROR_CODES, obErrorBody } from "./open-banking-errors";

describe("obErrorBody", () => {
  it("writes an OBErrorResponse1 with 4.0's four-character codes, no deprecated fields", () => {
    expect(obErrorBody({ id: "req_1", errors: [{ code: "U009", message: "Consent cns_1 is Consumed.", path: "Data.ConsentId" }] })).toEqual({
      Id: "req_1",
      Errors: [{ ErrorCode: "U009", Message: "Consent cns_1 is Consumed.", Path: "Data.ConsentId" }],
    });
    expect(obErrorBody({ errors: [{ code: "AM04" }] })).toEqual({ Errors: [{ ErrorCode: "AM04" }] });
  });

  it("keeps within the documents' limits and refuses what the schema would", () => {
    const body = obErrorBody({ id: "x".repeat(60), errors: [{ code: "U002", message: "m".repeat(600), path: "p".repeat(600) }] });
    expect(body.Id).toHaveLength(40);
    expect(body.Errors[0].Message).toHaveLength(500);
    expect(body.Errors[0].Path).toHaveLength(500);
    expect(() => obErrorBody({ errors: [] })).toThrow(/at least one/);
    expect(() => obErrorBody({ errors: [{ code: "UK.OBIE.Field.Invalid" as never }] })).toThrow(/Unknown/);
  });

  it("has only four-character codes, each with its 3.x or ISO name", () => {
    for (const [code, info] of Object.entries(OB_ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z0-9]{4}$/);
      expect(info.name.length).toBeGreaterThan(0);
    }
    expect(OB_ERROR_CODES.U015.name).toBe("UK.OBIE.Signature.Invalid");
  });
});
