import type { Prisma, PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { formatMinor, parseMinor } from "@openbank/contracts/money";
import type { CreatePaymentInput, PaymentDto } from "../../schemas/payment";
import { customerAccounts } from "../accounts/account-dto";
import { accountNotFound } from "../accounts/account-not-found";
import { databaseDriver } from "@openbank/database/database-driver";
import { recordEvents, recordEventsStatements, type EventType } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { driverTransaction, insertRows, type DriverProgram } from "../ledger/driver-transaction";
import { LedgerDecline, postTransfer, postTransferProgram, type Leg } from "../ledger/post-transfer";
import { systemAccountId } from "../ledger/system-accounts";
import { assertAcceptsDeposits, withdrawalLegs } from "../products/withdrawal-rules";
import { toTransactionDto } from "../transactions/transaction-dto";
import { consumeConsent } from "../consents/consume-consent";
import { toPaymentDto, type PaymentRow } from "./payment-dto";
import {
  AML_HIT_NAME,
  DECLINE_AMOUNT,
  DECLINE_MESSAGE,
  ibanProblem,
  PAYMENT_LIMIT_MINOR,
  SETTLEMENT_DELAY_MS,
  sortCodeProblem,
} from "./payment-rules";

export type CreatePaymentOptions = {
  db: PrismaClient;
  tenantId: string;
  /** The tenant's clock. */
  now: Date;
  input: CreatePaymentInput;
  /** The Idempotency-Key row of this request: linked to the payment in the same transaction. */
  idempotencyKeyId?: string;
  /** A standard's consent the payment is made under (BankPayment.consentId): UK Open Banking, Berlin Group. */
  consentId?: string;
  /**
   * With `consentId`: the consent must be `authorised` and unexpired on the tenant clock, and turns
   * `consumed` in the payment's own transaction, so one consent pays once however many requests race.
   */
  consumeConsent?: boolean;
  /** What the standard's answers repeat (its instruction, identifiers, remittance): BankPayment.details, as JSON. */
  details?: unknown;
  /**
   * A future-dated payment: when after `now`, the payment is created `scheduled` and moves no money
   * until the tenant clock reaches this instant (settleDuePayments executes it then).
   */
  executeAt?: Date;
  /**
   * Runs first inside the payment's transaction, before anything is written: a standard's consent
   * rules that must hold together with the payment (UK VRP control parameters, under a lock on the
   * consent). Throwing rolls everything back.
   */
  withinTransaction?: (tx: Prisma.TransactionClient, payment: { id: string; amount: bigint; currency: string }) => Promise<void>;
};

type Creditor = {
  type: "account" | "sort_code" | "iban";
  accountId: string | null;
  /** The tenant's own account being paid, if any. */
  account?: { type: string; currency: string; status: string } | null;
  name: string | null;
  sortCode: string | null;
  accountNumber: string | null;
  iban: string | null;
};

const field = (pointer: string, detail: string) => ({ errors: [{ pointer, detail }] });

function invalidBeneficiary(pointer: string, detail: string): AppError {
  return new AppError("invalid_beneficiary", `creditor: ${detail}.`, field(pointer, detail));
}

async function resolveCreditor(db: PrismaClient, tenantId: string, input: CreatePaymentInput, debtorId: string): Promise<Creditor> {
  const c = input.creditor;
  const internal = { select: { id: true, type: true, currency: true, status: true }, where: { tenantId, ...customerAccounts } } as const;
  if (c.type === "account") {
    const account = await db.bankAccount.findFirst({ ...internal, where: { ...internal.where, id: c.account_id } });
    if (!account) throw invalidBeneficiary("/body/creditor/account_id", `no account with id ${c.account_id} in this sandbox`);
    return { type: "account", accountId: account.id, account, name: null, sortCode: null, accountNumber: null, iban: null };
  }
  if (c.type === "sort_code") {
    const problem = sortCodeProblem(c.sort_code);
    if (problem) throw invalidBeneficiary("/body/creditor/sort_code", problem);
    if (input.scheme === "international") throw invalidBeneficiary("/body/creditor/type", "international payments go to an IBAN");
    const own = await db.bankAccount.findFirst({
      ...internal,
      where: { ...internal.where, sortCode: c.sort_code, accountNumber: c.account_number },
    });
    return {
      type: "sort_code",
      accountId: own?.id ?? null,
      account: own,
      name: c.name,
      sortCode: c.sort_code,
      accountNumber: c.account_number,
      iban: null,
    };
  }
  const problem = ibanProblem(c.iban);
  if (problem) throw invalidBeneficiary("/body/creditor/iban", problem);
  const domestic = c.iban.startsWith("GB");
  if (input.scheme === "international" && domestic)
    throw invalidBeneficiary("/body/creditor/iban", "international payments go to a non-GB IBAN; pay GB IBANs with instant or standard");
  if (input.scheme !== "international" && !domestic)
    throw invalidBeneficiary("/body/creditor/iban", "a non-GB IBAN needs an international payment with an FX quote");
  const own = domestic ? await db.bankAccount.findFirst({ ...internal, where: { ...internal.where, iban: c.iban } }) : null;
  if (own?.id === debtorId) throw invalidBeneficiary("/body/creditor", "a payment cannot go to the account it comes from");
  return { type: "iban", accountId: own?.id ?? null, account: own, name: c.name, sortCode: null, accountNumber: null, iban: c.iban };
}

/** A payment checked and priced, not yet written: what `writePayment` stores and posts. */
export type PreparedPayment = {
  row: Prisma.BankPaymentUncheckedCreateInput;
  legs: Leg[];
  /** The sandbox's magic declines: written `failed`, nothing posted. */
  declined: boolean;
  /** Written `scheduled`, nothing posted until it is due. */
  scheduled: boolean;
  fx: { quoteId: string } | null;
  debtor: { id: string; currency: string };
  amount: bigint;
  fee: bigint;
};

/**
 * Everything a payment checks before it writes: the debtor account, the amount (or the FX quote),
 * the beneficiary, the product's access rules, the magic declines. Throws the problems the
 * developer must handle (see createPayment); reads only.
 */
export async function preparePayment(
  options: Omit<CreatePaymentOptions, "idempotencyKeyId" | "consumeConsent" | "withinTransaction"> & {
    /** Write it `scheduled` even when `executeAt` is now: a batch is written at once, then executed. */
    deferred?: boolean;
  },
): Promise<PreparedPayment> {
  const { db, tenantId, now, input } = options;

  const debtor = await db.bankAccount.findFirst({
    where: { id: input.debtor_account_id, tenantId, ...customerAccounts },
    select: { id: true, type: true, productId: true, maturesAt: true, currency: true, status: true },
  });
  if (!debtor) throw accountNotFound(input.debtor_account_id);
  if (debtor.type === "credit_card" || debtor.type === "loan") {
    const detail = `${debtor.type === "loan" ? "loan" : "credit card"} accounts cannot send payments`;
    throw new AppError("validation_failed", `debtor_account_id: ${detail}`, field("/body/debtor_account_id", detail));
  }

  // What leaves the debtor account: the amount, or for international the quote's sell amount + fee.
  let amount: bigint;
  let fx: { quoteId: string; creditAmount: bigint; creditCurrency: string; rate: string; fee: bigint } | null = null;
  if (input.scheme === "international") {
    const quote = await db.bankFxQuote.findFirst({ where: { id: input.quote_id!, tenantId } });
    if (!quote)
      throw new AppError("resource_not_found", `No FX quote with id ${input.quote_id}.`, field("/body/quote_id", "no such quote"));
    if (quote.usedAt || quote.expiresAt <= now)
      throw new AppError(
        "quote_expired",
        `Quote ${quote.id} ${quote.usedAt ? "has already paid a payment" : `has expired (expires_at ${quote.expiresAt.toISOString()})`}.`,
        field("/body/quote_id", "expired or used"),
      );
    if (quote.sellCurrency !== debtor.currency)
      throw new AppError(
        "currency_mismatch",
        `The quote sells ${quote.sellCurrency}; the account holds ${debtor.currency}.`,
        field("/body/quote_id", "sells another currency than the account holds"),
      );
    amount = quote.sellAmount;
    fx = { quoteId: quote.id, creditAmount: quote.buyAmount, creditCurrency: quote.buyCurrency, rate: quote.rate, fee: quote.fee };
  } else {
    const money = input.amount!;
    const minor = parseMinor(money.amount, money.currency);
    if (minor === null || minor <= 0n) {
      const detail = minor === null ? `has more decimals than ${money.currency} allows` : "must be greater than zero";
      throw new AppError("validation_failed", `amount.amount: ${detail}`, field("/body/amount/amount", detail));
    }
    if (money.currency !== debtor.currency)
      throw new AppError(
        "currency_mismatch",
        `The account holds ${debtor.currency}; the amount is in ${money.currency}.`,
        field("/body/amount/currency", `must be ${debtor.currency}`),
      );
    amount = minor;
  }
  if (amount > PAYMENT_LIMIT_MINOR) {
    throw new AppError(
      "limit_exceeded",
      `A single payment may be at most ${formatMinor(PAYMENT_LIMIT_MINOR, debtor.currency)} ${debtor.currency}.`,
      field(input.scheme === "international" ? "/body/quote_id" : "/body/amount/amount", "exceeds the single-payment limit"),
    );
  }
  if (debtor.status !== "active")
    throw new AppError(
      "account_frozen",
      `Account ${debtor.id} is frozen: it cannot send payments.`,
      field("/body/debtor_account_id", "is frozen"),
    );

  const creditor = await resolveCreditor(db, tenantId, input, debtor.id);
  if (creditor.accountId === debtor.id) throw invalidBeneficiary("/body/creditor", "a payment cannot go to the account it comes from");
  const target = creditor.account;
  // Loans are repaid by their schedule (domain/lending), not by payments into their account.
  if (target?.type === "loan")
    throw invalidBeneficiary("/body/creditor", "a loan account cannot receive payments; its instalments are collected on schedule");
  if (creditor.accountId && target) {
    if (target.currency !== debtor.currency)
      throw new AppError(
        "currency_mismatch",
        `The beneficiary account holds ${target.currency}.`,
        field("/body/creditor", `holds ${target.currency}`),
      );
    if (target.status !== "active")
      throw new AppError(
        "account_frozen",
        `Account ${creditor.accountId} is frozen: it cannot receive payments.`,
        field("/body/creditor", "is frozen"),
      );
    assertAcceptsDeposits({ id: creditor.accountId, type: target.type }, "/body/creditor");
  }
  // A fixed-term bond refuses before maturity; a notice saver adds its early access charge.
  const accessLegs = withdrawalLegs({ tenantId, account: debtor, amount, now, pointer: "/body/debtor_account_id" });

  const declined =
    input.amount?.amount === DECLINE_AMOUNT
      ? { code: "insufficient_funds", message: DECLINE_MESSAGE }
      : creditor.name?.toUpperCase() === AML_HIT_NAME
        ? { code: "aml_declined", message: "Declined by sanctions screening (sandbox magic name AML HIT)." }
        : null;

  const id = newId("payment");
  const scheduled = !declined && options.executeAt !== undefined && (options.executeAt > now || options.deferred === true);
  const pending = input.scheme !== "instant";
  const fee = fx?.fee ?? 0n;
  const row: Prisma.BankPaymentUncheckedCreateInput = {
    id,
    tenantId,
    debtorAccountId: debtor.id,
    creditorType: creditor.type,
    creditorAccountId: creditor.accountId,
    creditorName: creditor.name,
    creditorIban: creditor.iban,
    creditorSortCode: creditor.sortCode,
    creditorAccountNumber: creditor.accountNumber,
    amount,
    currency: debtor.currency,
    reference: input.reference ?? null,
    scheme: input.scheme,
    status: declined ? "failed" : scheduled ? "scheduled" : pending ? "pending" : "completed",
    failureCode: declined?.code ?? null,
    failureMessage: declined?.message ?? null,
    quoteId: fx?.quoteId ?? null,
    creditAmount: fx?.creditAmount ?? null,
    creditCurrency: fx?.creditCurrency ?? null,
    fxRate: fx?.rate ?? null,
    fee: fx ? fee : null,
    // A scheduled payment's execution instant; a pending one's settlement.
    settlesAt: scheduled ? options.executeAt! : pending && !declined ? new Date(now.getTime() + SETTLEMENT_DELAY_MS) : null,
    createdAt: now,
    completedAt: declined || pending || scheduled ? null : now,
    consentId: options.consentId ?? null,
    details: options.details === undefined ? null : JSON.stringify(options.details),
  };

  const legs = transferLegs({
    tenantId,
    debtorAccountId: debtor.id,
    creditorAccountId: creditor.accountId,
    creditorName: creditor.name,
    reference: input.reference ?? null,
    currency: debtor.currency,
    amount,
    scheme: input.scheme,
    fee,
    quoteId: fx?.quoteId ?? null,
    accessLegs,
  });
  return { row, legs, declined: declined !== null, scheduled, fx: fx ? { quoteId: fx.quoteId } : null, debtor, amount, fee };
}

/**
 * The legs of a payment leaving `debtorAccountId`: to the beneficiary's account at once (instant,
 * internal), to clearing (standard and international settle later), or out of the bank; plus the
 * product's access charge and any FX fee. Shared by new payments and scheduled ones falling due.
 */
export function transferLegs(options: {
  tenantId: string;
  debtorAccountId: string;
  creditorAccountId: string | null;
  creditorName: string | null;
  reference: string | null;
  currency: string;
  amount: bigint;
  scheme: string;
  fee: bigint;
  quoteId: string | null;
  accessLegs: Leg[];
}): Leg[] {
  const { tenantId, reference, currency, amount, fee } = options;
  const description = reference ?? (options.creditorName ? `To ${options.creditorName}` : "Transfer between accounts");
  const channel = options.scheme === "instant" ? "faster_payment" : "transfer";
  const legs: Leg[] = [{ accountId: options.debtorAccountId, amount: -amount, line: { description, category: "transfer", channel } }];
  // The debit side's currency: system accounts exist per currency, so every posting balances in one.
  if (options.scheme !== "instant") legs.push({ accountId: systemAccountId(tenantId, "clearing", currency), amount });
  else if (options.creditorAccountId)
    legs.push({
      accountId: options.creditorAccountId,
      amount,
      line: { description: reference ?? "Transfer between accounts", category: "transfer", channel },
    });
  else legs.push({ accountId: systemAccountId(tenantId, "external", currency), amount });
  legs.push(...options.accessLegs);
  if (fee > 0n) {
    legs.push({
      accountId: options.debtorAccountId,
      amount: -fee,
      line: { description: `FX fee ${options.quoteId}`, category: "fees", channel: "fee" },
    });
    legs.push({ accountId: systemAccountId(tenantId, "fees", currency), amount: fee });
  }
  return legs;
}

const quoteUsed = (quoteId: string) =>
  new AppError("quote_expired", `Quote ${quoteId} has already paid a payment.`, field("/body/quote_id", "expired or used"));

function paymentEventOf(prepared: PreparedPayment, dto: PaymentDto) {
  const { declined, scheduled, row } = prepared;
  const type: EventType = declined ? "payment.failed" : row.status === "pending" || scheduled ? "payment.created" : "payment.completed";
  return { type, object: dto };
}

/**
 * Writes a prepared payment inside the caller's transaction: the quote used once, the payment, the
 * idempotency link, the consent consumed (when asked), its events and, unless it is declined or
 * scheduled, its posting. A ledger decline (LedgerDecline) rolls the whole transaction back.
 */
export async function writePayment(
  tx: Prisma.TransactionClient,
  prepared: PreparedPayment,
  options: {
    tenantId: string;
    now: Date;
    idempotencyKeyId?: string;
    consumeConsent?: boolean;
    withinTransaction?: CreatePaymentOptions["withinTransaction"];
  },
): Promise<PaymentDto> {
  const { tenantId, now } = options;
  const { row, fx, declined, scheduled } = prepared;
  await options.withinTransaction?.(tx, { id: row.id, amount: prepared.amount, currency: row.currency });
  if (options.consumeConsent && row.consentId) await consumeConsent(tx, { tenantId, consentId: row.consentId, now });
  if (fx) {
    const { count } = await tx.bankFxQuote.updateMany({ where: { id: fx.quoteId, tenantId, usedAt: null }, data: { usedAt: now } });
    if (count !== 1) throw quoteUsed(fx.quoteId);
  }
  const created = await tx.bankPayment.create({ data: row });
  const dto = toPaymentDto(created);
  if (options.idempotencyKeyId)
    await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: row.id } });
  const paymentEvent = paymentEventOf(prepared, dto);
  if (declined || scheduled) {
    await recordEvents(tx, tenantId, now, [paymentEvent]);
  } else {
    await postTransfer(
      tx,
      { tenantId, kind: "payment", reference: row.id, currency: row.currency, postedAt: now, legs: prepared.legs },
      {
        beforeBalances: (lines) =>
          recordEvents(tx, tenantId, now, [
            paymentEvent,
            ...lines.map((line) => ({ type: "transaction.booked" as const, object: toTransactionDto(line) })),
          ]),
      },
    );
  }
  return dto;
}

/**
 * writePayment on the driver, in one short transaction of raw statements (driver-transaction.ts):
 * the quote used once, the payment, the idempotency link, its events and its posting (id order,
 * conditional debits). For payments without a standard's consent or in-transaction rules.
 */
function* writePaymentProgram(
  prepared: PreparedPayment,
  options: { tenantId: string; now: Date; idempotencyKeyId?: string },
): DriverProgram<PaymentDto> {
  const { tenantId, now } = options;
  const { row, fx, declined, scheduled } = prepared;
  if (fx) {
    const { changes } = yield {
      sql: `UPDATE "BankFxQuote" SET "usedAt" = ? WHERE "id" = ? AND "tenantId" = ? AND "usedAt" IS NULL`,
      params: [now, fx.quoteId, tenantId],
    };
    if (changes !== 1) throw quoteUsed(fx.quoteId);
  }
  // Every column of BankPayment is set by preparePayment, as the bigint and Date values it reads back.
  yield insertRows("BankPayment", [row]);
  const dto = toPaymentDto(row as PaymentRow);
  if (options.idempotencyKeyId) {
    const { changes } = yield {
      sql: `UPDATE "BankIdempotencyKey" SET "resourceId" = ? WHERE "id" = ?`,
      params: [row.id, options.idempotencyKeyId],
    };
    if (changes !== 1) throw new Error(`no idempotency key ${options.idempotencyKeyId}`);
  }
  const paymentEvent = paymentEventOf(prepared, dto);
  if (declined || scheduled) {
    for (const statement of recordEventsStatements(tenantId, now, [paymentEvent])) yield statement;
  } else {
    yield* postTransferProgram(
      { tenantId, kind: "payment", reference: row.id, currency: row.currency, postedAt: now, legs: prepared.legs },
      {
        beforeBalances: (lines) =>
          recordEventsStatements(tenantId, now, [
            paymentEvent,
            ...lines.map((line) => ({ type: "transaction.booked" as const, object: toTransactionDto(line) })),
          ]),
      },
    );
  }
  return dto;
}

/** A ledger decline inside a payment's transaction, as the problem the developer handles. */
export function declineProblem(error: LedgerDecline, prepared: Pick<PreparedPayment, "debtor" | "amount" | "fee">): AppError {
  if (error.code === "account_frozen") return new AppError("account_frozen", `Account ${error.accountId} is frozen.`);
  const { debtor, amount, fee } = prepared;
  return new AppError(
    "insufficient_funds",
    `Account ${debtor.id} cannot pay ${formatMinor(amount + fee, debtor.currency)} ${debtor.currency}: the balance would go below its limit.`,
    field("/body/debtor_account_id", "insufficient funds"),
  );
}

/**
 * Makes a payment. Validation failures and declines the developer must handle are problems
 * (insufficient_funds, account_frozen, limit_exceeded, invalid_beneficiary, currency_mismatch,
 * quote_expired, consent_not_authorised) and leave nothing behind; the sandbox's magic declines
 * (amount 666.66, beneficiary `AML HIT`) create a `failed` payment and a `payment.failed` event.
 * Everything a payment writes (balances, posting, entries, statement lines, payment, events, the
 * idempotency link, the consent consumed) is one database transaction. With a future `executeAt`
 * the payment is `scheduled` and moves nothing yet.
 */
export async function createPayment(options: CreatePaymentOptions): Promise<PaymentDto> {
  const { db, tenantId, now } = options;
  await ensureLedger(db, tenantId);
  const prepared = await preparePayment(options);
  // The hot path on the driver; a standard's consent and in-transaction rules keep Prisma's transaction.
  const driver = options.consumeConsent || options.withinTransaction ? null : await databaseDriver(db);
  try {
    if (driver)
      return await driverTransaction(db, driver, () =>
        writePaymentProgram(prepared, { tenantId, now, idempotencyKeyId: options.idempotencyKeyId }),
      );
    return await moneyTransaction(db, (tx) =>
      writePayment(tx, prepared, {
        tenantId,
        now,
        idempotencyKeyId: options.idempotencyKeyId,
        consumeConsent: options.consumeConsent,
        withinTransaction: options.withinTransaction,
      }),
    );
  } catch (error) {
    if (error instanceof LedgerDecline) throw declineProblem(error, prepared);
    throw error;
  }
}
