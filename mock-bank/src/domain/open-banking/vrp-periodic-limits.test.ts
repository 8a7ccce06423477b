import { describe, expect, it } from "vitest";
import { limitInWindow, periodWindow, type PeriodAlignment, type PeriodType } from "./vrp-periodic-limits";

const at = (iso: string) => new Date(iso);
const window = (type: PeriodType, alignment: PeriodAlignment, anchor: string, when: string) => {
  const found = periodWindow(type, alignment, at(anchor), at(when));
  return [found.start.toISOString().slice(0, 10), found.end.toISOString().slice(0, 10)];
};

describe("periodWindow", () => {
  it("aligns to the calendar: days, ISO weeks from Monday, months, half-years, years", () => {
    const when = "2026-11-21T10:30:00Z"; // a Saturday
    expect(window("Day", "Calendar", when, when)).toEqual(["2026-11-21", "2026-11-22"]);
    expect(window("Week", "Calendar", when, when)).toEqual(["2026-11-16", "2026-11-23"]);
    expect(window("Week", "Calendar", when, "2026-11-23T00:00:00Z")).toEqual(["2026-11-23", "2026-11-30"]);
    expect(window("Month", "Calendar", when, when)).toEqual(["2026-11-01", "2026-12-01"]);
    expect(window("Half-year", "Calendar", when, when)).toEqual(["2026-07-01", "2027-01-01"]);
    expect(window("Half-year", "Calendar", when, "2027-06-30T23:59:59Z")).toEqual(["2027-01-01", "2027-07-01"]);
    expect(window("Year", "Calendar", when, when)).toEqual(["2026-01-01", "2027-01-01"]);
  });

  it("aligns to the consent's creation date: 7 and 14 days, 1, 6 and 12 months (the standard's examples)", () => {
    const created = "2021-06-05T15:00:00Z";
    expect(window("Month", "Consent", created, "2021-06-05T15:00:00Z")).toEqual(["2021-06-05", "2021-07-05"]);
    expect(window("Month", "Consent", created, "2021-07-04T23:59:59Z")).toEqual(["2021-06-05", "2021-07-05"]);
    expect(window("Month", "Consent", created, "2021-07-05T00:00:00Z")).toEqual(["2021-07-05", "2021-08-05"]);
    expect(window("Year", "Consent", created, "2022-06-04T12:00:00Z")).toEqual(["2021-06-05", "2022-06-05"]);
    expect(window("Year", "Consent", created, "2023-06-05T00:00:00Z")).toEqual(["2023-06-05", "2024-06-05"]);
    expect(window("Half-year", "Consent", created, "2021-12-06T00:00:00Z")).toEqual(["2021-12-05", "2022-06-05"]);
    expect(window("Fortnight", "Consent", created, "2021-06-19T00:00:00Z")).toEqual(["2021-06-19", "2021-07-03"]);
    expect(window("Fortnight", "Consent", created, "2021-06-18T23:59:59Z")).toEqual(["2021-06-05", "2021-06-19"]);
    expect(window("Week", "Consent", created, "2021-06-12T00:00:00Z")).toEqual(["2021-06-12", "2021-06-19"]);
    expect(window("Day", "Consent", created, "2021-06-06T08:00:00Z")).toEqual(["2021-06-06", "2021-06-07"]);
  });

  it("holds a month-end anchor to the shorter months' last day, without gaps", () => {
    const created = "2027-01-31T09:00:00Z";
    expect(window("Month", "Consent", created, "2027-02-27T00:00:00Z")).toEqual(["2027-01-31", "2027-02-28"]);
    expect(window("Month", "Consent", created, "2027-02-28T00:00:00Z")).toEqual(["2027-02-28", "2027-03-31"]);
    expect(window("Month", "Consent", created, "2027-04-30T00:00:00Z")).toEqual(["2027-04-30", "2027-05-31"]);
    expect(window("Month", "Consent", "2028-01-31T00:00:00Z", "2028-02-29T00:00:00Z")).toEqual(["2028-02-29", "2028-03-31"]);
  });

  it("refuses a calendar fortnight (the standard has none)", () => {
    expect(() => periodWindow("Fortnight", "Calendar", at("2026-11-21T00:00:00Z"), at("2026-11-21T00:00:00Z"))).toThrow();
  });
});

describe("limitInWindow", () => {
  it("pro-rates the calendar period the consent was created in, to the days left (the standard's example 1)", () => {
    const created = at("2021-06-06T10:00:00Z");
    const june = periodWindow("Month", "Calendar", created, created);
    expect(limitInWindow(30_000n, "Calendar", created, june)).toBe(25_000n);
    const july = periodWindow("Month", "Calendar", created, at("2021-07-01T00:00:00Z"));
    expect(limitInWindow(30_000n, "Calendar", created, july)).toBe(30_000n);
    const year = periodWindow("Year", "Calendar", created, created);
    expect(limitInWindow(50_000n, "Calendar", created, year)).toBe((50_000n * 209n) / 365n);
  });

  it("rounds down, and leaves Consent alignment and a consent made on the period's first day whole", () => {
    const created = at("2026-11-21T10:30:00Z");
    const week = periodWindow("Week", "Calendar", created, created);
    expect(limitInWindow(1_000n, "Calendar", created, week)).toBe(285n); // 2/7 of 10.00
    expect(limitInWindow(1_000n, "Consent", created, periodWindow("Week", "Consent", created, created))).toBe(1_000n);
    const first = at("2026-11-01T00:00:00Z");
    expect(limitInWindow(1_000n, "Calendar", first, periodWindow("Month", "Calendar", first, first))).toBe(1_000n);
  });
});
