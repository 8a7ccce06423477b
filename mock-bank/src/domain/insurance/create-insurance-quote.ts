import type { PrismaClient } from "@prisma/client";
import { AppError, type FieldError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import type { CreateInsuranceQuoteInput, InsuranceQuoteDto } from "../../schemas/insurance";
import { startOfUtcDay } from "../products/interest-maths";
import { durationDays, quoteInclude, toQuoteDto } from "./insurance-dto";
import { COVER, MAX_AGE, MAX_SINGLE_TRIP_DAYS, priceTravel } from "./travel-pricing";

const DAY_MS = 86_400_000;
export const QUOTE_VALID_DAYS = 7;
export const MAX_DAYS_AHEAD = 365;

const invalid = (pointer: string, detail: string) =>
  new AppError("validation_failed", `${pointer.split("/").slice(2).join(".")}: ${detail}`, { errors: [{ pointer, detail }] });

/** The last day of a year of cover from `start`: the day before the anniversary. */
function annualEnd(start: Date): Date {
  const anniversary = new Date(Date.UTC(start.getUTCFullYear() + 1, start.getUTCMonth(), start.getUTCDate()));
  return new Date(anniversary.getTime() - DAY_MS);
}

/**
 * Prices travel cover for one of the tenant's approved customers and stores the quote.
 * Dates are checked on the tenant's clock; declines the insurer makes (a traveller over the
 * maximum age, a single trip over 90 days) are 422 `insurance_declined`, one error per reason.
 */
export async function createInsuranceQuote(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  input: CreateInsuranceQuoteInput;
}): Promise<InsuranceQuoteDto> {
  const { db, tenantId, now, input } = options;
  const today = startOfUtcDay(now);
  const start = new Date(`${input.start_date}T00:00:00.000Z`);
  if (start < today) throw invalid("/body/start_date", `must be today (${today.toISOString().slice(0, 10)}, sandbox clock) or later`);
  if (start.getTime() > today.getTime() + MAX_DAYS_AHEAD * DAY_MS)
    throw invalid("/body/start_date", `may be at most ${MAX_DAYS_AHEAD} days ahead`);

  let end: Date;
  if (input.trip_type === "annual_multi_trip") {
    if (input.end_date !== undefined) throw invalid("/body/end_date", "omit end_date: annual multi-trip cover runs a year from start_date");
    end = annualEnd(start);
  } else {
    if (input.end_date === undefined) throw invalid("/body/end_date", "is required for a single trip");
    end = new Date(`${input.end_date}T00:00:00.000Z`);
    if (end < start) throw invalid("/body/end_date", "must be on or after start_date");
  }
  const days = durationDays(start, end);

  const declines: FieldError[] = [];
  if (input.trip_type === "single_trip" && days > MAX_SINGLE_TRIP_DAYS)
    declines.push({
      pointer: "/body/end_date",
      detail: `a single trip may last at most ${MAX_SINGLE_TRIP_DAYS} days; this one lasts ${days}`,
    });
  input.travellers.forEach((traveller, index) => {
    if (traveller.age > MAX_AGE[input.trip_type])
      declines.push({
        pointer: `/body/travellers/${index}/age`,
        detail: `${input.trip_type} cover is available up to age ${MAX_AGE[input.trip_type]}`,
      });
  });
  if (declines.length)
    throw new AppError("insurance_declined", `Declined: ${declines.map((d) => d.detail).join("; ")}.`, { errors: declines });

  const customer = await db.bankCustomer.findFirst({ where: { id: input.customer_id, tenantId }, select: { id: true, kycStatus: true } });
  if (!customer)
    throw new AppError("resource_not_found", `No customer with id ${input.customer_id}.`, {
      errors: [{ pointer: "/body/customer_id", detail: "no such customer" }],
    });
  if (customer.kycStatus !== "approved") {
    throw new AppError(
      "kyc_not_approved",
      `Customer ${customer.id} is in KYC status ${customer.kycStatus}: only approved customers can buy insurance.`,
      { errors: [{ pointer: "/body/customer_id", detail: `KYC status is ${customer.kycStatus}` }] },
    );
  }

  const price = priceTravel({
    tripType: input.trip_type,
    destination: input.destination,
    days,
    ages: input.travellers.map((t) => t.age),
    coverLevel: input.cover_level,
  });
  const cover = Object.fromEntries(Object.entries(COVER[input.cover_level]).map(([name, minor]) => [name, minor.toString()]));
  const validUntil = new Date(Math.min(now.getTime() + QUOTE_VALID_DAYS * DAY_MS, start.getTime() + DAY_MS));
  const row = await db.bankInsuranceQuote.create({
    data: {
      id: newId("insuranceQuote"),
      tenantId,
      customerId: customer.id,
      product: "travel",
      tripType: input.trip_type,
      destination: input.destination,
      startDate: start,
      endDate: end,
      travellers: JSON.stringify(input.travellers.map((t) => ({ age: t.age }))),
      coverLevel: input.cover_level,
      premium: price.total,
      premiumTax: price.tax,
      currency: "GBP",
      cover: JSON.stringify(cover),
      expiresAt: validUntil,
      createdAt: now,
    },
    include: quoteInclude,
  });
  return toQuoteDto(row, now);
}
