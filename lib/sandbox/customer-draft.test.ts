import { describe, expect, it } from "vitest";
import { newAccountDraft, newCustomerDraft, toCustomerDocument } from "./customer-draft";
import { sandboxCurl } from "./sandbox-curl";

describe("the customer editor's document", () => {
  it("builds a CustomCustomerDocument with empty optional fields left out", () => {
    const draft = { ...newCustomerDraft(), handle: " gig_worker ", given_name: "Maya", family_name: "Okafor" };
    const document = toCustomerDocument(draft);
    expect(document).toMatchObject({
      handle: "gig_worker",
      identity: { given_name: "Maya", family_name: "Okafor", address: { country: "GB" } },
      kyc: { status: "approved" },
      credit: { score_band: "good", existing_debts: [] },
      authentication_scenario: "approve",
    });
    expect(document.identity).not.toHaveProperty("email");
    const [account] = document.accounts as Array<Record<string, unknown>>;
    expect(account).toEqual({
      key: "current",
      type: "current",
      currency: "GBP",
      product: "Everyday Current Account",
      opening_balance: "500.00",
      history: {
        generate: {
          months: 6,
          salary: { amount: "2400.00", day_of_month: 25, employer: "ACME LTD" },
          rent: { amount: "950.00", day_of_month: 1, landlord: "City Lettings" },
          card_spending: [
            { category: "groceries", monthly_amount: "300.00" },
            { category: "eating_out", monthly_amount: "120.00" },
          ],
        },
      },
    });
  });

  it("puts a limit where the account type has one, and no history unless asked", () => {
    const card = { ...newAccountDraft(1), type: "credit_card" as const, limit: "2000.00" };
    const savings = { ...newAccountDraft(2), type: "savings" as const, limit: "99.00" };
    const document = toCustomerDocument({ ...newCustomerDraft(), accounts: [card, savings] });
    const [cardDocument, savingsDocument] = document.accounts as Array<Record<string, unknown>>;
    expect(cardDocument).toMatchObject({ credit_limit: "2000.00" });
    expect(cardDocument).not.toHaveProperty("overdraft_limit");
    expect(cardDocument).not.toHaveProperty("history");
    expect(savingsDocument).not.toHaveProperty("credit_limit");
    expect(savingsDocument).not.toHaveProperty("overdraft_limit");
  });

  it("keeps what the developer typed wrong, so the bank's pointer names it", () => {
    const draft = newCustomerDraft();
    draft.accounts[0].months = "six";
    const [account] = toCustomerDocument(draft).accounts as Array<{ history: { generate: { months: unknown } } }>;
    expect(account.history.generate.months).toBe("six");
  });
});

describe("do this from code", () => {
  it("is a curl on the portal's origin with $SANDBOX_KEY", () => {
    expect(sandboxCurl("https://developers.example.com/", "GET", "/v1/sandbox/clock")).toBe(
      'curl https://developers.example.com/v1/sandbox/clock \\\n  -H "Authorization: Bearer $SANDBOX_KEY"',
    );
    expect(sandboxCurl("https://d.example", "POST", "/v1/sandbox/clock/advance", { days: 7 })).toContain(`-d '{"days":7}'`);
  });

  it("sends a long document as a here-document, quotes and all", () => {
    const command = sandboxCurl("https://d.example", "POST", "/v1/sandbox/customers", { handle: "o'brien", padding: "x".repeat(80) });
    expect(command).toMatch(/--data-binary @- <<'JSON'\n\{\n {2}"handle": "o'brien"/);
    expect(command.endsWith("\nJSON")).toBe(true);
  });
});
