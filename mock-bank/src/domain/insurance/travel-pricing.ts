/**
 * Travel insurance rating: premium = Σ per traveller (destination rate × trip length or
 * annual rate) × age-band factor × cover-level factor, plus UK insurance premium tax (IPT)
 * at 12% of the net premium. Integer pence throughout; each traveller's net premium is
 * rounded to the penny, IPT once on the total.
 */

export type TripType = "single_trip" | "annual_multi_trip";
export type Destination = "europe" | "worldwide_excluding_americas" | "worldwide";
export type CoverLevel = "essential" | "comprehensive";

/** Single trip: pence per traveller per day. Annual multi-trip: pence per traveller per year. */
export const RATES: Record<Destination, { perDay: bigint; annual: bigint }> = {
  europe: { perDay: 110n, annual: 3_800n },
  worldwide_excluding_americas: { perDay: 190n, annual: 6_200n },
  worldwide: { perDay: 260n, annual: 8_500n },
};

/** Age bands with their factors in percent; the oldest band's upper bound is the maximum age. */
export const AGE_BANDS = [
  { band: "0-17", max: 17, factor: 50n },
  { band: "18-34", max: 34, factor: 100n },
  { band: "35-49", max: 49, factor: 115n },
  { band: "50-64", max: 64, factor: 160n },
  { band: "65-74", max: 74, factor: 250n },
  { band: "75-79", max: 79, factor: 360n },
] as const;

export const COVER_FACTORS: Record<CoverLevel, bigint> = { essential: 100n, comprehensive: 145n };

export const IPT_PERCENT = 12n;
export const MAX_AGE: Record<TripType, number> = { single_trip: 79, annual_multi_trip: 74 };
export const MAX_SINGLE_TRIP_DAYS = 90;
/** Each trip under an annual policy. */
export const MAX_ANNUAL_TRIP_DAYS = 31;
/** Per policy, before tax. */
export const MINIMUM_NET_PREMIUM = 500n;

/** Cover limits in pence; the excess is what the traveller pays towards each claim. */
export const COVER: Record<
  CoverLevel,
  Record<"medical_expenses" | "cancellation" | "baggage" | "personal_liability" | "excess", bigint>
> = {
  essential: {
    medical_expenses: 200_000_000n,
    cancellation: 150_000n,
    baggage: 100_000n,
    personal_liability: 100_000_000n,
    excess: 10_000n,
  },
  comprehensive: {
    medical_expenses: 1_000_000_000n,
    cancellation: 500_000n,
    baggage: 250_000n,
    personal_liability: 200_000_000n,
    excess: 5_000n,
  },
};

export function ageBand(age: number): (typeof AGE_BANDS)[number] | undefined {
  return AGE_BANDS.find((band) => age <= band.max);
}

/** Half-up division of non-negative integers. */
const divRound = (a: bigint, b: bigint) => (a * 2n + b) / (2n * b);

export type TravelPrice = { travellers: { age: number; band: string; net: bigint }[]; net: bigint; tax: bigint; total: bigint };

/**
 * Prices a trip; the caller has already checked ages and duration. Days count both the
 * start and end date (a trip from Friday to Sunday is 3 days).
 */
export function priceTravel(options: {
  tripType: TripType;
  destination: Destination;
  days: number;
  ages: number[];
  coverLevel: CoverLevel;
}): TravelPrice {
  const { tripType, destination, days, ages, coverLevel } = options;
  const base = tripType === "annual_multi_trip" ? RATES[destination].annual : RATES[destination].perDay * BigInt(days);
  const travellers = ages.map((age) => {
    const band = ageBand(age)!;
    return { age, band: band.band, net: divRound(base * band.factor * COVER_FACTORS[coverLevel], 10_000n) };
  });
  let net = travellers.reduce((sum, traveller) => sum + traveller.net, 0n);
  if (net < MINIMUM_NET_PREMIUM) net = MINIMUM_NET_PREMIUM;
  const tax = divRound(net * IPT_PERCENT, 100n);
  return { travellers, net, tax, total: net + tax };
}
