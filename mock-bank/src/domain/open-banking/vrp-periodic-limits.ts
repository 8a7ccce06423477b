/**
 * The periods of a VRP consent's PeriodicLimits (VRP resource "OBDomesticVRPControlParameters").
 * Periods are whole UTC days on the tenant's clock:
 * - `Consent` alignment: periods start on the consent's creation date and repeat every day, 7 or
 *   14 days, or 1, 6 or 12 months (a month-end date is held to the shorter months' last day);
 * - `Calendar` alignment: days, ISO weeks (Monday to Sunday), months, half-years (January and
 *   July), years; the period the consent was created in is pro-rated to the days left in it
 *   (created on 6 June, a monthly 300.00 allows 250.00 until 30 June). Fortnights have no
 *   calendar: the standard requires `Consent` for them.
 */

export type PeriodType = "Day" | "Week" | "Fortnight" | "Month" | "Half-year" | "Year";
export type PeriodAlignment = "Consent" | "Calendar";
export type PeriodWindow = { start: Date; end: Date };

const DAY_MS = 86_400_000;

const startOfDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

/** The same day `months` later, held to the target month's last day (31 January + 1 month = 28 or 29 February). */
function addMonths(day: Date, months: number): Date {
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), lastDay)));
}

const MONTHS: Partial<Record<PeriodType, number>> = { Month: 1, "Half-year": 6, Year: 12 };
const DAYS: Partial<Record<PeriodType, number>> = { Day: 1, Week: 7, Fortnight: 14 };

function consentWindow(type: PeriodType, anchor: Date, at: Date): PeriodWindow {
  const first = startOfDay(anchor);
  const days = DAYS[type];
  if (days) {
    const n = Math.floor((startOfDay(at).getTime() - first.getTime()) / (days * DAY_MS));
    const start = addDays(first, n * days);
    return { start, end: addDays(start, days) };
  }
  const step = MONTHS[type]!;
  const elapsed = (at.getUTCFullYear() - first.getUTCFullYear()) * 12 + (at.getUTCMonth() - first.getUTCMonth());
  let n = Math.floor(elapsed / step);
  if (addMonths(first, n * step) > at) n -= 1;
  return { start: addMonths(first, n * step), end: addMonths(first, (n + 1) * step) };
}

function calendarWindow(type: PeriodType, at: Date): PeriodWindow {
  const day = startOfDay(at);
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  switch (type) {
    case "Day":
      return { start: day, end: addDays(day, 1) };
    case "Week": {
      const start = addDays(day, -((day.getUTCDay() + 6) % 7));
      return { start, end: addDays(start, 7) };
    }
    case "Month":
      return { start: new Date(Date.UTC(year, month, 1)), end: new Date(Date.UTC(year, month + 1, 1)) };
    case "Half-year": {
      const first = month < 6 ? 0 : 6;
      return { start: new Date(Date.UTC(year, first, 1)), end: new Date(Date.UTC(year, first + 6, 1)) };
    }
    case "Year":
      return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
    case "Fortnight":
      throw new Error("a fortnight has no calendar alignment");
  }
}

/** The period of one limit that contains `at`; `anchor` is the consent's creation (tenant clock). */
export function periodWindow(type: PeriodType, alignment: PeriodAlignment, anchor: Date, at: Date): PeriodWindow {
  return alignment === "Calendar" ? calendarWindow(type, at) : consentWindow(type, anchor, at);
}

/**
 * The limit in force in a window: the full amount, except in the calendar period the consent was
 * created in, where it is pro-rated to the days from the creation date to the period's end
 * (rounded down to the minor unit, so the limit is never exceeded).
 */
export function limitInWindow(limitMinor: bigint, alignment: PeriodAlignment, anchor: Date, window: PeriodWindow): bigint {
  const created = startOfDay(anchor);
  if (alignment !== "Calendar" || created <= window.start || created >= window.end) return limitMinor;
  const total = BigInt(Math.round((window.end.getTime() - window.start.getTime()) / DAY_MS));
  const remaining = BigInt(Math.round((window.end.getTime() - created.getTime()) / DAY_MS));
  return (limitMinor * remaining) / total;
}
