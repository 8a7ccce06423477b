import { describe, expect, it } from "vitest";
import { customAccountSubject } from "./custom-subjects";
import { generateLiveDay } from "./generate-live-day";

const ANCHOR = new Date("2026-11-21T00:00:00.000Z");
const subject = customAccountSubject(
  "maya",
  { key: "current", currency: "GBP" },
  {
    months: 3,
    salary: { amount: "2150.00", day_of_month: 31, employer: "Deliverco Ltd" },
    rent: { amount: "950.00", day_of_month: 1, landlord: "Foxtons Lettings" },
    card_spending: [{ category: "groceries", monthly_amount: "320.00" }],
  },
);

const texts = (day: number) =>
  generateLiveDay({ subject, anchor: ANCHOR, day }).map((item) =>
    item.kind === "single" ? `${item.at.toISOString()} ${item.tx.description} ${item.tx.amount}` : "",
  );

describe("customAccountSubject", () => {
  it("pays monthly items on their calendar day (31 in a 30-day month runs over to the 1st, as the generated history does)", () => {
    // Day 10 after 2026-11-21 is 2026-12-01: the rent, and November's salary on "the 31st".
    expect(texts(10)).toEqual(["2026-12-01T06:00:00.000Z DELIVERCO LTD 215000", "2026-12-01T07:00:00.000Z FOXTONS LETTINGS -95000"]);
    expect(texts(9).some((text) => text.includes("FOXTONS"))).toBe(false);
  });

  it("spends by card around the monthly amount, deterministically", () => {
    let total = 0n;
    for (let day = 0; day < 365; day++)
      for (const item of generateLiveDay({ subject, anchor: ANCHOR, day }))
        if (item.kind === "single" && item.tx.category === "groceries") total -= item.tx.amount;
    // £320 a month on average: within a third over a year.
    expect(Number(total) / 100 / 12).toBeGreaterThan(320 * 0.67);
    expect(Number(total) / 100 / 12).toBeLessThan(320 * 1.33);
    expect(texts(40)).toEqual(texts(40));
  });
});
