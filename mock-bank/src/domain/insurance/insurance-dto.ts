import type { Prisma } from "@prisma/client";
import { toMoney } from "@openbank/contracts/money";
import type { InsurancePolicyDto, InsuranceQuoteDto } from "../../schemas/insurance";
import { priceTravel, type CoverLevel, type Destination, type TripType } from "./travel-pricing";

const DAY_MS = 86_400_000;
export const COOLING_OFF_DAYS = 14;

export const quoteInclude = { policy: { select: { id: true } } } as const satisfies Prisma.BankInsuranceQuoteInclude;
export const policyInclude = { quote: true } as const satisfies Prisma.BankInsurancePolicyInclude;

type QuoteRow = Prisma.BankInsuranceQuoteGetPayload<{ include: typeof quoteInclude }>;
type PolicyRow = Prisma.BankInsurancePolicyGetPayload<{ include: typeof policyInclude }>;

const isoDate = (at: Date) => at.toISOString().slice(0, 10);

export const durationDays = (start: Date, end: Date) => Math.round((end.getTime() - start.getTime()) / DAY_MS) + 1;

function ages(json: string): number[] {
  return (JSON.parse(json) as { age: number }[]).map((traveller) => traveller.age);
}

function coverDto(json: string, currency: string): InsuranceQuoteDto["cover"] {
  const cover = JSON.parse(json) as Record<keyof InsuranceQuoteDto["cover"], string>;
  return {
    medical_expenses: toMoney(BigInt(cover.medical_expenses), currency),
    cancellation: toMoney(BigInt(cover.cancellation), currency),
    baggage: toMoney(BigInt(cover.baggage), currency),
    personal_liability: toMoney(BigInt(cover.personal_liability), currency),
    excess: toMoney(BigInt(cover.excess), currency),
  };
}

/** A quote; the per-traveller split is re-derived from the rating tables (the stored totals are what is charged). */
export function toQuoteDto(row: QuoteRow, now: Date): InsuranceQuoteDto {
  const money = (minor: bigint) => toMoney(minor, row.currency);
  const days = durationDays(row.startDate, row.endDate);
  const price = priceTravel({
    tripType: row.tripType as TripType,
    destination: row.destination as Destination,
    days,
    ages: ages(row.travellers),
    coverLevel: row.coverLevel as CoverLevel,
  });
  return {
    id: row.id,
    customer_id: row.customerId,
    product: "travel",
    status: row.policy ? "purchased" : row.expiresAt <= now ? "expired" : "open",
    trip_type: row.tripType as TripType,
    destination: row.destination as Destination,
    start_date: isoDate(row.startDate),
    end_date: isoDate(row.endDate),
    duration_days: days,
    cover_level: row.coverLevel as CoverLevel,
    travellers: price.travellers.map((traveller) => ({ age: traveller.age, age_band: traveller.band, premium: money(traveller.net) })),
    cover: coverDto(row.cover, row.currency),
    premium: { net: money(row.premium - row.premiumTax), insurance_premium_tax: money(row.premiumTax), total: money(row.premium) },
    expires_at: row.expiresAt.toISOString(),
    policy_id: row.policy?.id ?? null,
    created_at: row.createdAt.toISOString(),
  };
}

/** Status on the tenant clock: cancelled is stored; expired once the last day of cover is over. */
export function policyStatus(row: { status: string; endDate: Date }, now: Date): InsurancePolicyDto["status"] {
  if (row.status === "cancelled") return "cancelled";
  return row.endDate.getTime() + DAY_MS <= now.getTime() ? "expired" : "active";
}

export function coolingOffEndsAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + COOLING_OFF_DAYS * DAY_MS);
}

export function toPolicyDto(row: PolicyRow, now: Date): InsurancePolicyDto {
  const status = policyStatus(row, now);
  return {
    id: row.id,
    policy_number: row.policyNumber,
    customer_id: row.customerId,
    quote_id: row.quoteId,
    account_id: row.accountId,
    status,
    trip_type: row.quote.tripType as TripType,
    destination: row.quote.destination as Destination,
    cover_level: row.quote.coverLevel as CoverLevel,
    start_date: isoDate(row.startDate),
    end_date: isoDate(row.endDate),
    travellers: ages(row.quote.travellers).map((age) => ({ age })),
    cover: coverDto(row.quote.cover, row.currency),
    premium: toMoney(row.premium, row.currency),
    // Only full refunds exist (cooling-off, before the trip).
    refund: status === "cancelled" ? toMoney(row.premium, row.currency) : null,
    cooling_off_ends_at: coolingOffEndsAt(row.createdAt).toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}
