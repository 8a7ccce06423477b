import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankClient, buildTestApp, expectProblemShape, type TestApp } from "./helpers";

const NOW = new Date("2026-11-21T10:30:00.000Z");
let t: TestApp;
let bank: Awaited<ReturnType<typeof bankClient>>;

beforeAll(async () => {
  t = await buildTestApp({ now: () => NOW });
  bank = await bankClient(t.app);
});
afterAll(() => t.close());

const FUNDS = "/v1/investments/funds";
const FUND = "/v1/investments/funds/{fund_id}";
const RECOMMEND = "/v1/investments/recommendations";

type Fund = { id: string; risk_level: number; asset_class: string; ocf: string; annual_volatility: string };
type Holding = { fund: Fund; weight_percent: number };

describe("GET /v1/investments/funds", () => {
  it("lists ten funds from money market to emerging markets, lowest risk first, with SRRI from volatility", async () => {
    const reply = await bank.get(FUNDS, FUNDS);
    expect(reply.status).toBe(200);
    const funds: Fund[] = reply.body.data;
    expect(funds).toHaveLength(10);
    expect(funds[0]).toMatchObject({ id: "fund_sterling_liquidity", risk_level: 1, asset_class: "money_market" });
    expect(funds[funds.length - 1]).toMatchObject({ id: "fund_emerging_markets", risk_level: 6 });
    const levels = funds.map((f) => f.risk_level);
    expect([...levels].sort((a, b) => a - b)).toEqual(levels);
    expect(new Set(funds.map((f) => f.asset_class))).toEqual(
      new Set(["money_market", "government_bonds", "global_bonds", "multi_asset", "equity"]),
    );
  });

  it("filters by risk level and asset class", async () => {
    const six = await bank.get(FUNDS, `${FUNDS}?risk_level=6`);
    expect(six.body.data.map((f: Fund) => f.id)).toEqual(["fund_global_equity", "fund_esg_global_equity", "fund_emerging_markets"]);
    const multi = await bank.get(FUNDS, `${FUNDS}?asset_class=multi_asset`);
    expect(multi.body.data.map((f: Fund) => f.id)).toEqual([
      "fund_multi_asset_20",
      "fund_multi_asset_40",
      "fund_multi_asset_60",
      "fund_multi_asset_80",
    ]);
    expect((await bank.get(FUNDS, `${FUNDS}?risk_level=7`)).body).toEqual({ data: [], next_cursor: null });
  });

  it.each([["risk_level=8"], ["risk_level=abc"], ["asset_class=crypto"], ["sort=ocf"]])(
    "refuses %s with 400 and a pointer",
    async (query) => {
      const reply = await bank.get(FUNDS, `${FUNDS}?${query}`);
      expectProblemShape(reply, 400, "validation_failed");
      expect(reply.body.errors[0].pointer).toMatch(/^\/query/);
    },
  );
});

describe("GET /v1/investments/funds/{fund_id}", () => {
  it("returns one fund, and 404s an unknown one", async () => {
    const reply = await bank.get(FUND, `${FUNDS}/fund_global_equity`);
    expect(reply.body).toMatchObject({
      id: "fund_global_equity",
      risk_level: 6,
      ocf: "0.15",
      expected_annual_return: "7.00",
      annual_volatility: "15.50",
      currency: "GBP",
    });
    expectProblemShape(await bank.get(FUND, `${FUNDS}/fund_bitcoin`), 404, "resource_not_found");
    expectProblemShape(await bank.get(FUND, `${FUNDS}/FUND%20X`), 400, "validation_failed");
  });
});

describe("GET /v1/investments/recommendations", () => {
  it.each(["cautious", "balanced", "adventurous"])("builds a %s model portfolio whose weights sum to 100%", async (profile) => {
    const reply = await bank.get(RECOMMEND, `${RECOMMEND}?risk_profile=${profile}`);
    expect(reply.status).toBe(200);
    const holdings: Holding[] = reply.body.holdings;
    expect(holdings.reduce((sum, h) => sum + h.weight_percent, 0)).toBe(100);
    const ocf = holdings.reduce((sum, h) => sum + (h.weight_percent / 100) * Number(h.fund.ocf), 0);
    expect(reply.body.blended_ocf).toBe(ocf.toFixed(2));
    expect(Number(reply.body.expected_annual_return_after_charges)).toBeCloseTo(Number(reply.body.expected_annual_return) - ocf, 1);
    expect(reply.body.projection).toBeNull();
  });

  it("orders the profiles by risk and return", async () => {
    const [cautious, balanced, adventurous] = await Promise.all(
      ["cautious", "balanced", "adventurous"].map((p) => bank.get(RECOMMEND, `${RECOMMEND}?risk_profile=${p}`)),
    );
    const vol = (r: typeof cautious) => Number(r.body.annual_volatility);
    expect(vol(cautious)).toBeLessThan(vol(balanced));
    expect(vol(balanced)).toBeLessThan(vol(adventurous));
    expect(cautious.body.risk_level).toBeLessThan(adventurous.body.risk_level);
    expect(Number(cautious.body.expected_annual_return)).toBeLessThan(Number(adventurous.body.expected_annual_return));
  });

  it("projects an amount over a horizon: p10 < p50 < expected < p90, deterministic", async () => {
    const url = `${RECOMMEND}?risk_profile=balanced&amount=10000.00&horizon_years=10`;
    const reply = await bank.get(RECOMMEND, url);
    const p = reply.body.projection;
    expect(p).toMatchObject({ amount: { amount: "10000.00", currency: "GBP" }, horizon_years: 10, method: "lognormal" });
    const n = (m: { amount: string }) => Number(m.amount);
    expect(n(p.percentiles.p10)).toBeLessThan(n(p.percentiles.p50));
    expect(n(p.percentiles.p50)).toBeLessThan(n(p.expected_value));
    expect(n(p.expected_value)).toBeLessThan(n(p.percentiles.p90));
    const r = Number(reply.body.expected_annual_return_after_charges) / 100;
    expect(n(p.expected_value)).toBeCloseTo(10_000 * (1 + r) ** 10, -2);
    expect(n(p.charges_over_horizon)).toBeGreaterThan(0);
    expect((await bank.get(RECOMMEND, url)).body).toEqual(reply.body);
  });

  it("accepts the riskProfile alias, defaults the horizon to 10 years and warns when it is short", async () => {
    const alias = await bank.get(RECOMMEND, `${RECOMMEND}?riskProfile=adventurous&amount=500`);
    expect(alias.body.risk_profile).toBe("adventurous");
    expect(alias.body.projection.horizon_years).toBe(10);
    expect(alias.body.warnings).toHaveLength(1);
    const short = await bank.get(RECOMMEND, `${RECOMMEND}?risk_profile=adventurous&horizon_years=2`);
    expect(short.body.warnings[1]).toMatch(/10 years or more/);
  });

  it.each([
    ["", "/query/risk_profile"],
    ["risk_profile=reckless", "/query/risk_profile"],
    ["riskProfile=yolo", "/query/riskProfile"],
    ["risk_profile=balanced&riskProfile=cautious", "/query/riskProfile"],
    ["risk_profile=balanced&amount=-5", "/query/amount"],
    ["risk_profile=balanced&amount=0.00", "/query/amount"],
    ["risk_profile=balanced&amount=1e6", "/query/amount"],
    ["risk_profile=balanced&horizon_years=0", "/query/horizon_years"],
    ["risk_profile=balanced&horizon_years=41", "/query/horizon_years"],
  ])("refuses ?%s with 400 at %s", async (query, pointer) => {
    const reply = await bank.get(RECOMMEND, `${RECOMMEND}?${query}`);
    expectProblemShape(reply, 400, "validation_failed");
    expect(reply.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });
});
