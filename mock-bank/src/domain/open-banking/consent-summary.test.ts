import { describe, expect, it } from "vitest";
import { summariseConsent } from "./consent-summary";

const FOREVER = new Date("9999-12-31T00:00:00Z");
const CREDITOR = { SchemeName: "UK.OBIE.SortCodeAccountNumber", Identification: "08080021325698", Name: "ACME Ltd" };
const AMOUNT = { Amount: "12.34", Currency: "GBP" };

const summary = (kind: string, data: unknown) =>
  summariseConsent({ kind, details: JSON.stringify({ Data: data }), permissions: "[]", expiresAt: FOREVER });
const payment = (remittance: unknown) =>
  summary("domestic_payment", { Initiation: { InstructedAmount: AMOUNT, CreditorAccount: CREDITOR, RemittanceInformation: remittance } });

describe("summariseConsent: the reference the customer reads (4.0's OBRemittanceInformation2)", () => {
  it("shows the first unstructured line", () => {
    expect(payment({ Unstructured: ["Invoice 42", "second line"] }).lines).toContain("Reference: Invoice 42");
  });

  it("prefers the creditor's structured reference, as the statements do", () => {
    const lines = payment({
      Unstructured: ["Thanks"],
      Structured: [
        { ReferredDocumentInformation: [{ Code: "CINV", Number: "INV-7" }] },
        { CreditorReferenceInformation: { Code: "SCOR", Reference: "RF18539007547034" } },
      ],
    }).lines;
    expect(lines).toContain("Reference: RF18539007547034");
    expect(lines.filter((line) => line.startsWith("Reference"))).toHaveLength(1);
  });

  it("shows no reference when there is none, nor for the 3.1 shape 4.0 replaced", () => {
    expect(payment(undefined).lines.some((line) => line.startsWith("Reference"))).toBe(false);
    expect(payment({ Reference: "old style" }).lines.some((line) => line.startsWith("Reference"))).toBe(false);
    expect(payment({ Unstructured: "not an array", Structured: {} }).lines.some((line) => line.startsWith("Reference"))).toBe(false);
  });

  it("shows the reference, count and total of a file, and a VRP mandate's reference", () => {
    const file = summary("file_payment", {
      Initiation: {
        FileType: "UK.OBIE.PaymentInitiation.4.0",
        FileHash: "x",
        FileReference: "PAYROLL-DEC",
        NumberOfTransactions: "3",
        ControlSum: 2250.5,
        RemittanceInformation: { Unstructured: ["December payroll"] },
      },
    });
    expect(file.lines).toEqual(["3 payments from a file, totalling 2250.50", "Reference: December payroll", "File: PAYROLL-DEC"]);
    const vrp = summary("domestic_vrp", {
      Initiation: {
        CreditorAccount: CREDITOR,
        RemittanceInformation: { Structured: [{ CreditorReferenceInformation: { Reference: "GYM-0042" } }] },
      },
      ControlParameters: { MaximumIndividualAmount: AMOUNT },
    });
    expect(vrp.lines).toContain("Reference: GYM-0042");
  });
});
