import { describe, expect, it } from "vitest";
import { OB_BODYLESS_STATUSES, obErrorBody, obErrorCodes } from "./open-banking-errors";

describe("the UK 4.0 error vocabulary", () => {
  it("has only four-character codes, the code set's own (U000 unexpected, U015 signature invalid, AM04 insufficient funds)", () => {
    for (const code of Object.values(obErrorCodes)) expect(code).toMatch(/^[A-Z0-9]{4}$/);
    expect(obErrorCodes["UK.OBIE.UnexpectedError"]).toBe("U000");
    expect(obErrorCodes["UK.OBIE.Resource.InvalidConsentStatus"]).toBe("U009");
    expect(obErrorCodes["UK.OBIE.Rules.FailsControlParameters"]).toBe("U014");
    expect(obErrorCodes["UK.OBIE.Signature.Invalid"]).toBe("U015");
    expect(obErrorCodes["UK.OBIE.Signature.Missing"]).toBe("U019");
    expect(obErrorCodes.InsufficientFunds).toBe("AM04");
  });

  it("writes an OBErrorResponse1 with the name at the head of each Message, within the schema's bounds", () => {
    const body = obErrorBody({
      status: 400,
      id: "req_1",
      message: "Consent cns_1 is Consumed.",
      errors: [{ name: "UK.OBIE.Resource.InvalidConsentStatus", message: "Consent cns_1 is Consumed.", path: "Data.ConsentId" }],
    });
    expect(body).toEqual({
      Code: "400 Bad Request",
      Id: "req_1",
      Message: "Consent cns_1 is Consumed.",
      Errors: [{ ErrorCode: "U009", Message: "UK.OBIE.Resource.InvalidConsentStatus: Consent cns_1 is Consumed.", Path: "Data.ConsentId" }],
    });
    const long = obErrorBody({ status: 400, id: "x".repeat(60), message: "m".repeat(600), errors: [] });
    expect(long.Id).toHaveLength(40);
    expect(long.Message).toHaveLength(500);
    expect(long.Errors[0].ErrorCode).toBe("U000");
  });

  it("knows which answers the documents give no body (401, 404, 405, 406, 415, 429)", () => {
    expect([...OB_BODYLESS_STATUSES].sort()).toEqual([401, 404, 405, 406, 415, 429]);
  });
});
