import { describe, expect, it } from "vitest";
import { personas } from "../../seed/personas";
import { generateLiveDay, personaSubject, type LiveItem } from "./generate-live-day";

const ANCHOR = new Date("2026-11-21T00:00:00.000Z");
const DAY_MS = 86_400_000;
const persona = (key: string) => personaSubject(personas.find((spec) => spec.persona === key)!);

/** Every statement line of an item, as text without dates. */
const textsOf = (item: LiveItem) =>
  item.kind === "single"
    ? [`${item.tx.account} ${item.tx.amount} ${item.tx.description} ${item.tx.channel}`]
    : [`${item.out.account}→${item.in.account} ${item.in.amount} ${item.out.description}`];

function days(key: string, from: number, to: number, cardDebt = 0n) {
  const out: { day: number; items: LiveItem[] }[] = [];
  for (let day = from; day <= to; day++)
    out.push({ day, items: generateLiveDay({ subject: persona(key), anchor: ANCHOR, day, cardDebt }) });
  return out;
}

const lines = (items: LiveItem[]) => items.flatMap((item) => (item.kind === "single" ? [item.tx] : [item.out, item.in]));

describe("generateLiveDay", () => {
  it("is deterministic per customer and day, and only moves the dates with the anchor", () => {
    const once = generateLiveDay({ subject: persona("good_credit"), anchor: ANCHOR, day: 12 });
    expect(generateLiveDay({ subject: persona("good_credit"), anchor: ANCHOR, day: 12 })).toEqual(once);
    const later = new Date(ANCHOR.getTime() + 40 * DAY_MS);
    const shifted = generateLiveDay({ subject: persona("good_credit"), anchor: later, day: 12 });
    expect(shifted.flatMap(textsOf)).toEqual(once.flatMap(textsOf));
    expect(shifted.map((item) => item.at.getTime() - 40 * DAY_MS)).toEqual(once.map((item) => item.at.getTime()));
    expect(generateLiveDay({ subject: persona("good_credit"), anchor: ANCHOR, day: 13 }).flatMap(textsOf)).not.toEqual(
      once.flatMap(textsOf),
    );
  });

  it("keeps every item on its day, in time order", () => {
    for (const spec of personas) {
      for (const { day, items } of days(spec.persona, 0, 40)) {
        for (const item of items) expect(Math.floor((item.at.getTime() - ANCHOR.getTime()) / DAY_MS)).toBe(day);
        expect(items.map((item) => item.at.getTime())).toEqual([...items.map((item) => item.at.getTime())].sort((a, b) => a - b));
      }
    }
  });

  it("continues the seeded months: each bill and the salary once a month, on the same phase", () => {
    const all = days("good_credit", 0, 91);
    const on = (description: string) =>
      all.filter(({ items }) => lines(items).some((tx) => tx.description === description)).map(({ day }) => day);
    // Salary on phase 4 of each 30.4375-day month: day round(k × 30.4375) − 4.
    expect(on("ACME ANALYTICS LTD SALARY")).toEqual([26, 57, 87]);
    expect(on("NATIONWIDE BS MORTGAGE")).toEqual([28, 59, 89]);
    const transfer = all.flatMap(({ items }) => items).filter((item) => item.kind === "transfer" && item.out.category === "savings");
    expect(transfer).toHaveLength(3);
  });

  it("keeps the seed's weekly rhythm: commuting on weekdays, payouts on business days", () => {
    // The seed's weekend is "days ago" ≡ 0 or 6 (mod 7): after the seed, day ≡ 0 or 1 (mod 7).
    const weekend = (day: number) => day % 7 === 0 || day % 7 === 1;
    for (const { day, items } of days("good_credit", 0, 60)) {
      const commutes = lines(items).filter((tx) => tx.description === "TFL TRAVEL CHARGE" && tx.account === "current");
      if (weekend(day)) expect(commutes).toEqual([]);
    }
    for (const { day, items } of days("small_business", 0, 30)) {
      expect(lines(items).filter((tx) => tx.description === "SUMUP PAYOUT")).toHaveLength(weekend(day) ? 0 : 1);
    }
  });

  it("leaves savings interest to the clock and a frozen account quiet", () => {
    for (const spec of personas)
      for (const { items } of days(spec.persona, 0, 35)) expect(lines(items).filter((tx) => tx.category === "interest")).toEqual([]);
    const frozen = days("frozen_account", 0, 60).flatMap(({ items }) => lines(items));
    expect(frozen.length).toBeGreaterThan(0);
    expect(frozen.filter((tx) => tx.account === "current")).toEqual([]);
  });

  it("pays a card statement in full from the card's outstanding balance", () => {
    const payment = days("good_credit", 0, 31, 123_45n)
      .flatMap(({ items }) => items)
      .find((item) => item.kind === "transfer" && item.in.account === "credit_card");
    expect(payment).toMatchObject({ out: { amount: -123_45n, channel: "direct_debit" }, in: { amount: 123_45n } });
    // Nothing owed: no payment.
    expect(
      days("good_credit", 0, 31, 0n)
        .flatMap(({ items }) => items)
        .some((item) => item.kind === "transfer" && item.in.account === "credit_card"),
    ).toBe(false);
  });

  it("refuses a day before the seed", () => {
    expect(() => generateLiveDay({ subject: persona("student"), anchor: ANCHOR, day: -1 })).toThrow(/out of range/);
  });
});
