import type { BankConsent, BankScaAuthorisation, PrismaClient } from "@prisma/client";
import { newId } from "@openbank/contracts/ids";
import { formatMinor, parseMinor, toMoney } from "@openbank/contracts/money";
import { getBalances } from "../accounts/get-balances";
import { ibanProblem, PAYMENT_LIMIT_MINOR } from "../payments/payment-rules";
import type {
  BulkElementInput,
  BulkPaymentInitiationInput,
  PaymentInitiationInput,
  PaymentProduct,
} from "../../schemas/berlin-group/payments";
import { BgError } from "./bg-errors";
import { isoDay, NO_EXPIRY, writeDetails, type BgState } from "./bg-details";
import { crossBorderPrice } from "./price-cross-border";
import { bgAccountWhere } from "./psu-accounts";
import { createAuthorisation } from "./sca-authorisation";
import type { ScaRequest } from "./sca-request";

export type PaymentService = "payments" | "bulk-payments";

/** How one credit transfer moves through the ledger: a domestic scheme, or international with FX. */
export type Route =
  | { scheme: "instant" | "standard"; minor: bigint }
  | { scheme: "international"; minor: bigint; sellMinor: bigint; fee: bigint; currency: string };

/**
 * Which of our schemes carries a credit transfer. The sandbox's accounts are GBP accounts with GB
 * IBANs: a GB IBAN is paid in GBP, instantly for instant SEPA, else as a standard (next-day)
 * payment; a non-GB IBAN is paid in its own currency (EUR, USD…) as an international payment at
 * the sandbox's FX rate, whatever the product.
 */
export function routeCreditTransfer(
  product: PaymentProduct,
  element: Pick<BulkElementInput, "instructedAmount" | "creditorAccount">,
  debtor: { iban: string | null; currency: string },
  path: string,
): Route {
  const iban = element.creditorAccount.iban;
  if (!iban) throw new BgError(400, "FORMAT_ERROR", "Name the creditor's account by iban.", `${path}creditorAccount`);
  const problem = ibanProblem(iban);
  if (problem) throw new BgError(400, "FORMAT_ERROR", `creditorAccount.iban: ${problem}.`, `${path}creditorAccount.iban`);
  if (iban === debtor.iban)
    throw new BgError(400, "FORMAT_ERROR", "A payment cannot go to the account it comes from.", `${path}creditorAccount.iban`);
  const { currency, amount } = element.instructedAmount;
  const minor = parseMinor(amount, currency);
  if (minor === null || minor <= 0n)
    throw new BgError(
      400,
      "FORMAT_ERROR",
      minor === null ? `The amount has more decimals than ${currency} allows.` : "The amount must be greater than zero.",
      `${path}instructedAmount.amount`,
    );
  if (iban.startsWith("GB")) {
    if (currency !== debtor.currency)
      throw new BgError(
        400,
        "FORMAT_ERROR",
        `A GB IBAN is paid in ${debtor.currency} from this account; pay a non-GB IBAN to send ${currency}.`,
        `${path}instructedAmount.currency`,
      );
    if (minor > PAYMENT_LIMIT_MINOR)
      throw new BgError(
        400,
        "PAYMENT_FAILED",
        `A single payment may be at most ${formatMinor(PAYMENT_LIMIT_MINOR, currency)} ${currency}.`,
        `${path}instructedAmount.amount`,
      );
    return { scheme: product === "instant-sepa-credit-transfers" ? "instant" : "standard", minor };
  }
  const price = crossBorderPrice(debtor.currency, currency, minor);
  if (!price)
    throw new BgError(
      400,
      "FORMAT_ERROR",
      `A non-GB IBAN is paid in a currency the sandbox converts to (EUR, USD, CHF, SEK, NOK, DKK, PLN, JPY, CAD, AUD), not ${currency}.`,
      `${path}instructedAmount.currency`,
    );
  if (price.sellMinor > PAYMENT_LIMIT_MINOR)
    throw new BgError(
      400,
      "PAYMENT_FAILED",
      "The payment exceeds the single-payment limit once converted.",
      `${path}instructedAmount.amount`,
    );
  return { scheme: "international", minor, sellMinor: price.sellMinor, fee: price.fee, currency };
}

/** What leaves the debtor account for a route, fee included. */
export const debitOf = (route: Route) => (route.scheme === "international" ? route.sellMinor + route.fee : route.minor);

/**
 * POST /v1/{payments|bulk-payments}/{product}: a payment resource (a BankConsent of kind
 * `payment` or `bulk_payment`, with the body as accepted) awaiting the PSU's authorisation (RCVD),
 * and, unless the TPP prefers to start it explicitly, its first authorisation. Nothing moves yet:
 * once the authorisation is finalised the payments execute through domain/payments/create-payment.
 * The debtor account must be one of this sandbox's payment accounts with the funds for the whole
 * amount now (FUNDS_NOT_AVAILABLE otherwise).
 */
export async function initiateBgPayment(options: {
  db: PrismaClient;
  tenantId: string;
  appId: string;
  service: PaymentService;
  product: PaymentProduct;
  input: PaymentInitiationInput | BulkPaymentInitiationInput;
  sca: ScaRequest;
  tenantNow: Date;
}): Promise<{ consent: BankConsent; authorisation: BankScaAuthorisation | null; routes: Route[]; debtorCurrency: string }> {
  const { db, tenantId, appId, service, product, input, sca, tenantNow } = options;
  const bulk = service === "bulk-payments";
  const debtorIban = input.debtorAccount.iban;
  if (!debtorIban) throw new BgError(400, "FORMAT_ERROR", "Name the debtor account by iban.", "debtorAccount");
  const debtor = await db.bankAccount.findFirst({
    where: { ...bgAccountWhere, tenantId, iban: debtorIban, type: { in: ["current", "savings"] } },
    select: { id: true, iban: true, currency: true, customerId: true },
  });
  if (!debtor)
    throw new BgError(
      400,
      "RESOURCE_UNKNOWN",
      `No current or savings account with IBAN ${debtorIban} in this sandbox.`,
      "debtorAccount.iban",
    );
  if (input.debtorAccount.currency && input.debtorAccount.currency !== debtor.currency)
    throw new BgError(400, "FORMAT_ERROR", `The debtor account holds ${debtor.currency}.`, "debtorAccount.currency");
  const today = isoDay(tenantNow);
  if (input.requestedExecutionDate && input.requestedExecutionDate !== today)
    throw new BgError(
      400,
      "EXECUTION_DATE_INVALID",
      `Payments execute once authorised: requestedExecutionDate must be today (${today}, sandbox clock) or absent.`,
      "requestedExecutionDate",
    );

  const elements: BulkElementInput[] = bulk ? (input as BulkPaymentInitiationInput).payments : [input as PaymentInitiationInput];
  const routes = elements.map((element, index) => routeCreditTransfer(product, element, debtor, bulk ? `payments[${index}].` : ""));
  const total = routes.reduce((sum, route) => sum + debitOf(route), 0n);
  // The bank's integrated confirmation of funds: refuse now what could not be paid.
  const balances = await getBalances({ db, tenantId, accountId: debtor.id, asOf: tenantNow });
  const available = parseMinor(balances.available.amount, debtor.currency) ?? 0n;
  if (total > available)
    throw new BgError(
      400,
      "FUNDS_NOT_AVAILABLE",
      `The debtor account has ${balances.available.amount} ${debtor.currency} available; this ${bulk ? "bulk " : ""}payment needs ${toMoney(total, debtor.currency).amount}.`,
    );

  const state: BgState = {
    resourcePath: `/${service}/${product}`,
    ...(sca.redirect ? { redirect: sca.redirect } : {}),
    ...(sca.psuId ? { psuId: sca.psuId } : {}),
    lastActionDate: today,
  };
  return db.$transaction(async (tx) => {
    const consent = await tx.bankConsent.create({
      data: {
        id: newId("consent"),
        tenantId,
        appId,
        customerId: null,
        permissions: JSON.stringify([]),
        accountIds: JSON.stringify([debtor.id]),
        status: "awaiting_authorisation",
        source: "client",
        standard: "berlin_group",
        kind: bulk ? "bulk_payment" : "payment",
        details: writeDetails(input, state),
        createdAt: tenantNow,
        statusUpdatedAt: tenantNow,
        expiresAt: NO_EXPIRY,
      },
    });
    if (sca.explicit) return { consent, authorisation: null, routes, debtorCurrency: debtor.currency };
    const authorisation = await createAuthorisation(tx, { consent, purpose: "authorisation", sca, now: tenantNow });
    return {
      consent: await tx.bankConsent.findUniqueOrThrow({ where: { id: consent.id } }),
      authorisation,
      routes,
      debtorCurrency: debtor.currency,
    };
  });
}
