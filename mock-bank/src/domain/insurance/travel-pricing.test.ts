import { describe, expect, it } from "vitest";
import { ageBand, MINIMUM_NET_PREMIUM, priceTravel } from "./travel-pricing";

describe("priceTravel", () => {
  it("prices a single trip per traveller: rate × days × age factor × cover factor, + 12% IPT", () => {
    // Europe, 8 days, comprehensive: 110p × 8 = 880p; ×1.15 (41) = 1012p; ×1.45 = 1467.4 → 1467p
    const price = priceTravel({ tripType: "single_trip", destination: "europe", days: 8, ages: [41, 39, 9], coverLevel: "comprehensive" });
    expect(price.travellers).toEqual([
      { age: 41, band: "35-49", net: 1467n },
      { age: 39, band: "35-49", net: 1467n },
      // 880 × 0.5 × 1.45 = 638
      { age: 9, band: "0-17", net: 638n },
    ]);
    expect(price.net).toBe(3572n);
    // 12% of 3572 = 428.64 → 429
    expect(price.tax).toBe(429n);
    expect(price.total).toBe(4001n);
  });

  it("prices annual multi-trip cover at the annual rate", () => {
    const price = priceTravel({ tripType: "annual_multi_trip", destination: "worldwide", days: 365, ages: [70], coverLevel: "essential" });
    // 8500 × 2.5 = 21250; IPT 2550
    expect(price).toMatchObject({ net: 21_250n, tax: 2_550n, total: 23_800n });
  });

  it("charges at least the minimum premium", () => {
    const price = priceTravel({ tripType: "single_trip", destination: "europe", days: 1, ages: [5], coverLevel: "essential" });
    expect(price.net).toBe(MINIMUM_NET_PREMIUM);
    expect(price.total).toBe(MINIMUM_NET_PREMIUM + 60n);
  });

  it("raises the premium with age, destination and cover", () => {
    const base = { tripType: "single_trip" as const, days: 10, coverLevel: "essential" as const };
    const total = (destination: "europe" | "worldwide", age: number, cover: "essential" | "comprehensive" = "essential") =>
      priceTravel({ ...base, destination, ages: [age], coverLevel: cover }).total;
    expect(total("europe", 30)).toBeLessThan(total("europe", 60));
    expect(total("europe", 60)).toBeLessThan(total("europe", 78));
    expect(total("europe", 30)).toBeLessThan(total("worldwide", 30));
    expect(total("europe", 30)).toBeLessThan(total("europe", 30, "comprehensive"));
  });

  it("has no age band past 79", () => {
    expect(ageBand(79)?.band).toBe("75-79");
    expect(ageBand(80)).toBeUndefined();
  });
});
