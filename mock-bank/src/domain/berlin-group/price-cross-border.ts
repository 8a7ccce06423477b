import type { PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { currencyExponent } from "@openbank/contracts/money";
import { QUOTE_TTL_MS, quoteFee, quoteRate } from "../fx/create-fx-quote";

const SCALE = 1_000_000n;

/** The sandbox's FX rate from `sell` to `buy` (scaled by 1e6), or null when it does not trade the pair. */
export function fxRate(sell: string, buy: string): bigint | null {
  if (sell === buy) return null;
  try {
    const rate = quoteRate(sell, buy);
    return rate > 0n ? rate : null;
  } catch {
    return null;
  }
}

/**
 * What a payment that must credit exactly `buyMinor` of `buy` costs in `sell` at the sandbox's FX
 * rate: the least sell amount that buys it (rounded up, in the bank's favour) and the quote's fee.
 * /v1's quotes are priced from the sell side; a NextGenPSD2 instructedAmount is what the creditor
 * receives, so the price is found from the buy side, with the same rate, spread and fee.
 */
export function crossBorderPrice(sell: string, buy: string, buyMinor: bigint): { sellMinor: bigint; fee: bigint; rate: bigint } | null {
  const rate = fxRate(sell, buy);
  if (rate === null) return null;
  const sellScale = 10n ** BigInt(currencyExponent(sell));
  const buyScale = 10n ** BigInt(currencyExponent(buy));
  const numerator = buyMinor * SCALE * sellScale;
  const denominator = rate * buyScale;
  // The least sell amount whose conversion (rounded down, as convert does) reaches buyMinor.
  const sellMinor = (numerator + denominator - 1n) / denominator;
  return { sellMinor, fee: quoteFee(sellMinor, sell), rate };
}

const formatRate = (rate: bigint) => `${rate / SCALE}.${String(rate % SCALE).padStart(6, "0")}`;

/**
 * A firm sandbox FX quote (BankFxQuote, 60 seconds of the tenant's clock) that pays exactly
 * `buyMinor` of `buy`, for the international payment createPayment then makes with it.
 */
export async function quoteForCredit(options: {
  db: PrismaClient;
  tenantId: string;
  now: Date;
  sell: string;
  buy: string;
  buyMinor: bigint;
}): Promise<string | null> {
  const { db, tenantId, now, sell, buy, buyMinor } = options;
  const price = crossBorderPrice(sell, buy, buyMinor);
  if (!price) return null;
  const quote = await db.bankFxQuote.create({
    data: {
      id: newId("quote"),
      tenantId,
      sellCurrency: sell,
      buyCurrency: buy,
      sellAmount: price.sellMinor,
      buyAmount: buyMinor,
      rate: formatRate(price.rate),
      fee: price.fee,
      expiresAt: new Date(now.getTime() + QUOTE_TTL_MS),
      createdAt: now,
    },
  });
  return quote.id;
}
