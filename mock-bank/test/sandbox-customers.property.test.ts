import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedgerInvariants } from "../src/domain/ledger/check-ledger-invariants";
import { bankClient, buildTestApp, type TestApp } from "./helpers";

/**
 * Property tests over random custom-customer documents: every accepted document yields a tenant
 * whose ledger invariants hold (and whose balances are the document's opening balance plus its
 * booked lines); every rejected one gets errors whose pointers name a field of the document,
 * including the field a known break was made in. FC_SEED picks the run (fast-check prints it on failure).
 */

const NOW = new Date("2026-11-21T10:30:00.000Z");
const TENANT = "app_cc_property";
const RUNS = 40;
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;
let counter = 0;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const amount = (maxPounds: number) => fc.integer({ min: 1, max: maxPounds * 100 }).map((pence) => (pence / 100).toFixed(2));
const signed = (maxPounds: number) => fc.integer({ min: -maxPounds * 100, max: maxPounds * 100 }).map((pence) => (pence / 100).toFixed(2));
// Dates of the window: 1…700 days before NOW.
const date = fc.integer({ min: 1, max: 700 }).map((ago) => new Date(NOW.getTime() - ago * 86_400_000).toISOString().slice(0, 10));

const explicit = (currency: string) =>
  fc.record({
    transactions: fc.array(
      fc.record({
        date,
        amount: fc.oneof(amount(400), signed(150)).map((value) => ({ amount: value === "0.00" ? "1.00" : value, currency })),
        description: fc.constantFrom("Top up", "Refund", "Cash", "Transfer"),
        channel: fc.constantFrom("card", "faster_payment", "transfer"),
      }),
      { maxLength: 15 },
    ),
  });

const generator = fc.record(
  {
    months: fc.integer({ min: 1, max: 24 }),
    salary: fc.record({ amount: amount(4000), day_of_month: fc.integer({ min: 1, max: 28 }), employer: fc.constant("Acme Ltd") }),
    rent: fc.record({ amount: amount(1500), day_of_month: fc.integer({ min: 1, max: 28 }), landlord: fc.constant("Bridge Estates") }),
    subscriptions: fc.array(
      fc.record({
        merchant_name: fc.constantFrom("Netflix", "Spotify"),
        amount: amount(20),
        day_of_month: fc.integer({ min: 1, max: 28 }),
      }),
      { maxLength: 2 },
    ),
    card_spending: fc.array(
      fc.record({
        category: fc.constantFrom("groceries", "eating_out", "coffee", "transport", "shopping", "entertainment"),
        monthly_amount: amount(400),
      }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ["months"] },
);

const account = (index: number) =>
  fc
    .record({
      type: fc.constantFrom("current", "savings", "credit_card"),
      currency: fc.constantFrom("GBP", "EUR", "USD"),
      opening: fc.oneof({ arbitrary: amount(5000), weight: 3 }, { arbitrary: signed(300), weight: 1 }),
      limit: fc.option(amount(2000), { nil: undefined }),
      kind: fc.constantFrom("none", "explicit", "generate"),
    })
    .chain((a) =>
      (a.kind === "explicit"
        ? explicit(a.currency)
        : a.kind === "generate"
          ? generator.map((g) => ({ generate: g }))
          : fc.constant(undefined)
      ).map((history) => ({
        key: `acc${index}`,
        type: a.type,
        currency: a.currency,
        opening_balance: a.opening,
        ...(a.limit && a.type === "current" ? { overdraft_limit: a.limit } : {}),
        ...(a.limit && a.type === "credit_card" ? { credit_limit: a.limit } : {}),
        ...(history ? { history } : {}),
      })),
    );

const documentArb = fc
  .integer({ min: 1, max: 3 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => account(i))))
  .map((accounts) => ({
    handle: "placeholder",
    identity: {
      given_name: "Prop",
      family_name: "Erty",
      date_of_birth: "1990-01-01",
      address: { line1: "1 Test Street", city: "London", postcode: "N1 1AA", country: "GB" },
    },
    kyc: { status: "approved" },
    credit: { score_band: "good", annual_income: "30000.00", existing_debts: [] },
    accounts,
  }));

type Doc = { handle: string; accounts: Record<string, unknown>[] } & Record<string, unknown>;

/** One known break and the pointer (and statuses) it must produce; `none` keeps the document as generated. */
const breaks = [
  "none",
  "currency",
  "future_date",
  "savings_overdraft",
  "duplicate_key",
  "precision",
  "bad_handle",
  "persona_handle",
] as const;
type Break = (typeof breaks)[number];

function applyBreak(doc: Doc, kind: Break): { pointer: string; statuses: number[] } | null {
  const first = doc.accounts[0] as { history?: { transactions?: { date: string; amount: { currency: string } }[] }; currency: string };
  switch (kind) {
    case "currency":
    case "future_date": {
      const txns = first.history?.transactions;
      if (!txns || txns.length === 0) return null;
      if (kind === "currency") txns[0].amount.currency = first.currency === "GBP" ? "EUR" : "GBP";
      else txns[0].date = "2027-06-01";
      return { pointer: `/body/accounts/0/history/transactions/0/${kind === "currency" ? "amount/currency" : "date"}`, statuses: [422] };
    }
    case "savings_overdraft":
      Object.assign(doc.accounts[0], { type: "savings", overdraft_limit: "10.00" });
      delete doc.accounts[0].credit_limit;
      return { pointer: "/body/accounts/0/overdraft_limit", statuses: [422] };
    case "duplicate_key":
      doc.accounts.push({ ...doc.accounts[0], history: undefined });
      return { pointer: `/body/accounts/${doc.accounts.length - 1}/key`, statuses: [422] };
    case "precision":
      doc.accounts[0].opening_balance = "10.005";
      return { pointer: "/body/accounts/0/opening_balance", statuses: [422] };
    case "bad_handle":
      doc.handle = "Bad-Handle";
      return { pointer: "/body/handle", statuses: [400] };
    case "persona_handle":
      doc.handle = "good_credit";
      return { pointer: "/body/handle", statuses: [409] };
    default:
      return null;
  }
}

/** Whether a pointer under /body names a field present in the document (or a whole array / object of it). */
function resolves(doc: unknown, pointer: string): boolean {
  let node: unknown = doc;
  for (const raw of pointer.split("/").slice(2)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !(key in (node as object))) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

describe("custom customers, over random documents", () => {
  it(`accepted documents keep every invariant; rejected ones point at the field (${RUNS} runs)`, { timeout: 120_000 }, async () => {
    const tally: Record<number, number> = {};
    const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(documentArb, fc.constantFrom(...breaks), async (generated, kind) => {
        const doc = structuredClone(generated) as Doc;
        doc.handle = `prop_${++counter}_${Date.now().toString(36)}`;
        const expected = applyBreak(doc, kind);
        const reply = await bank.request({
          method: "POST",
          url: "/v1/sandbox/customers",
          template: "/v1/sandbox/customers",
          tenant: TENANT,
          headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
          payload: JSON.stringify(doc),
        });
        if (expected) {
          expect(expected.statuses, JSON.stringify(reply.body)).toContain(reply.status);
          expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(expected.pointer);
        }
        tally[reply.status] = (tally[reply.status] ?? 0) + 1;
        if (reply.status === 201) {
          expect(await checkLedgerInvariants({ db: t.app.db, tenantId: TENANT })).toEqual([]);
          for (const [i, acc] of reply.body.accounts.entries()) {
            const lines = await t.app.db.bankTransaction.aggregate({
              where: { accountId: acc.id, status: "booked" },
              _sum: { amount: true },
            });
            const stored = await t.app.db.bankAccount.findUniqueOrThrow({ where: { id: acc.id } });
            expect(stored.bookedBalance).toBe(lines._sum.amount ?? 0n);
            expect(acc.currency).toBe(doc.accounts[i].currency);
          }
          // Keep the tenant small: delete it again (the ledger must stay sound after that too).
          await bank.request({ method: "DELETE", url: `/v1/sandbox/customers/${reply.body.id}`, tenant: TENANT });
          expect(await checkLedgerInvariants({ db: t.app.db, tenantId: TENANT })).toEqual([]);
        } else {
          expect([400, 409, 422], JSON.stringify(reply.body)).toContain(reply.status);
          expect(reply.body.errors.length).toBeGreaterThan(0);
          for (const error of reply.body.errors as { pointer: string }[]) {
            expect(error.pointer.startsWith("/body"), error.pointer).toBe(true);
            expect(resolves(doc, error.pointer), `${error.pointer} in ${JSON.stringify(doc)}`).toBe(true);
          }
        }
      }),
      { numRuns: RUNS, seed },
    );
    if (process.env.FC_TALLY) console.log("statuses", JSON.stringify(tally));
  });
});
