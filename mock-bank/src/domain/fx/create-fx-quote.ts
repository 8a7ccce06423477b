import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { currencyExponent, parseMinor, toMoney } from "@openbank/contracts/money";
import type { CreateFxQuoteInput, FxQuoteDto } from "../../schemas/fx";

/** Mid-market rates against GBP, scaled by 1e6 (fixed: the sandbox is deterministic). */
const MID_PER_GBP: Record<string, bigint> = {
  GBP: 1_000_000n,
  EUR: 1_165_000n,
  USD: 1_270_000n,
  CHF: 1_120_000n,
  SEK: 13_500_000n,
  NOK: 13_600_000n,
  DKK: 8_690_000n,
  PLN: 5_050_000n,
  JPY: 191_500_000n,
  CAD: 1_740_000n,
  AUD: 1_950_000n,
};
const SCALE = 1_000_000n;
/** Our spread on the mid rate, in basis points, and the fee: 0.25% of the sell amount, at least 2 units. */
const SPREAD_BP = 50n;
const FEE_BP = 25n;
export const QUOTE_TTL_MS = 60_000;

/** Customer rate for selling `sell` to buy `buy`, scaled by 1e6, rounded down (in the bank's favour). */
export function quoteRate(sell: string, buy: string): bigint {
  const mid = (MID_PER_GBP[buy] * SCALE) / MID_PER_GBP[sell];
  return (mid * (10_000n - SPREAD_BP)) / 10_000n;
}

/** sell minor units × rate → buy minor units, across the two currencies' exponents, rounded down. */
export function convert(sellMinor: bigint, sell: string, buy: string, rate: bigint): bigint {
  const sellScale = 10n ** BigInt(currencyExponent(sell));
  const buyScale = 10n ** BigInt(currencyExponent(buy));
  return (sellMinor * rate * buyScale) / (SCALE * sellScale);
}

export function quoteFee(sellMinor: bigint, sell: string): bigint {
  const minimum = 2n * 10n ** BigInt(currencyExponent(sell));
  const fee = (sellMinor * FEE_BP + 9_999n) / 10_000n;
  return fee > minimum ? fee : minimum;
}

const formatRate = (rate: bigint) => `${rate / SCALE}.${String(rate % SCALE).padStart(6, "0")}`;

export function toFxQuoteDto(row: {
  id: string;
  sellCurrency: string;
  buyCurrency: string;
  sellAmount: bigint;
  buyAmount: bigint;
  rate: string;
  fee: bigint;
  expiresAt: Date;
  createdAt: Date;
}): FxQuoteDto {
  return {
    id: row.id,
    sell: toMoney(row.sellAmount, row.sellCurrency),
    buy: toMoney(row.buyAmount, row.buyCurrency),
    rate: row.rate,
    fee: toMoney(row.fee, row.sellCurrency),
    expires_at: row.expiresAt.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * A firm quote, valid for one international payment for 60 seconds of the tenant's clock, or until
 * `expiresAt` (a UK international payment consent holds its quote until the consent's cut-off).
 */
export async function createFxQuote(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  input: CreateFxQuoteInput;
  expiresAt?: Date;
}): Promise<FxQuoteDto> {
  const { db, tenantId, now, input } = options;
  const sell = input.sell.currency;
  const buy = input.buy_currency;
  const sellMinor = parseMinor(input.sell.amount, sell);
  if (sellMinor === null || sellMinor <= 0n) {
    const detail = sellMinor === null ? `has more decimals than ${sell} allows` : "must be greater than zero";
    throw new AppError("validation_failed", `sell.amount: ${detail}`, { errors: [{ pointer: "/body/sell/amount", detail }] });
  }
  const rate = quoteRate(sell, buy);
  const buyMinor = convert(sellMinor, sell, buy, rate);
  if (buyMinor <= 0n) {
    throw new AppError("validation_failed", "sell.amount: too small to buy anything", {
      errors: [{ pointer: "/body/sell/amount", detail: "too small to buy anything" }],
    });
  }
  const row = await db.bankFxQuote.create({
    data: {
      id: newId("quote"),
      tenantId,
      sellCurrency: sell,
      buyCurrency: buy,
      sellAmount: sellMinor,
      buyAmount: buyMinor,
      rate: formatRate(rate),
      fee: quoteFee(sellMinor, sell),
      expiresAt: options.expiresAt ?? new Date(now.getTime() + QUOTE_TTL_MS),
      createdAt: now,
    },
  });
  return toFxQuoteDto(row);
}
