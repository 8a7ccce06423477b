import { randomInt } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { formatMinor, parseMinor } from "@openbank/contracts/money";
import type { AccountDto, OpenAccountInput } from "../../schemas/account";
import { recordEvents, type EventType } from "../events/record-event";
import { ensureLedger } from "../ledger/opening-ledger";
import { moneyTransaction } from "../ledger/money-transaction";
import { LedgerDecline, postTransfer, type Leg } from "../ledger/post-transfer";
import { defaultProductFor, findDepositProduct, type DepositProduct } from "../products/deposit-products";
import { addUtcMonths } from "../products/interest-maths";
import { withdrawalLegs } from "../products/withdrawal-rules";
import { toTransactionDto } from "../transactions/transaction-dto";
import { BANK_CODE } from "../../seed/seed-tenant";
import { ukIban } from "../../seed/iban";
import { accountSelect, customerAccounts, toAccountDto } from "./account-dto";

/** Accounts opened through the API share one sort code, apart from the seed's 990011–990016. */
export const OPENED_SORT_CODE = "990020";

export type OpenAccountOptions = {
  db: PrismaClient;
  tenantId: string;
  /** The tenant's clock. */
  now: Date;
  input: OpenAccountInput;
  idempotencyKeyId?: string;
};

const field = (pointer: string, detail: string) => ({ errors: [{ pointer, detail }] });
const invalid = (pointer: string, detail: string) =>
  new AppError("validation_failed", `${pointer.split("/").slice(2).join(".")}: ${detail}`, field(pointer, detail));

/** The product to open: `product_id`, or the default product of a `type`; both must agree. */
function productOf(input: OpenAccountInput): DepositProduct {
  const id = input.product_id ?? (input.type ? defaultProductFor(input.type, input.currency) : undefined);
  if (!id) throw invalid("/body/product_id", "send product_id (see GET /v1/products), or type");
  const product = findDepositProduct(id);
  if (!product) throw invalid("/body/product_id", `no product ${id}; see GET /v1/products`);
  if (input.type && input.type !== product.type) throw invalid("/body/type", `product ${product.id} opens a ${product.type} account`);
  if (!product.currencies.includes(input.currency))
    throw invalid("/body/currency", `${product.name} is offered in ${product.currencies.join(", ")}`);
  return product;
}

type Funding = { accountId: string; amount: bigint; extraLegs: Leg[] };

/** Checks the opening deposit and its funding account (the same customer's current or savings account). */
async function fundingOf(
  db: PrismaClient,
  tenantId: string,
  customerId: string,
  product: DepositProduct,
  input: OpenAccountInput,
  now: Date,
): Promise<Funding | null> {
  const deposit = input.initial_deposit;
  if (product.type === "fixed_term" && !deposit)
    throw invalid("/body/initial_deposit", `a ${product.name} is funded when it opens: send initial_deposit and funding_account_id`);
  if (!deposit) {
    if (input.funding_account_id) throw invalid("/body/initial_deposit", "send initial_deposit with funding_account_id");
    return null;
  }
  if (!input.funding_account_id) throw invalid("/body/funding_account_id", "send the account the initial deposit comes from");
  if (deposit.currency !== input.currency)
    throw new AppError(
      "currency_mismatch",
      `The account will hold ${input.currency}; the deposit is in ${deposit.currency}.`,
      field("/body/initial_deposit/currency", `must be ${input.currency}`),
    );
  const amount = parseMinor(deposit.amount, deposit.currency);
  if (amount === null || amount <= 0n)
    throw invalid(
      "/body/initial_deposit/amount",
      amount === null ? `has more decimals than ${deposit.currency} allows` : "must be greater than zero",
    );
  const range = `${formatMinor(product.minDeposit, input.currency)} to ${product.maxDeposit === null ? "any amount" : formatMinor(product.maxDeposit, input.currency)} ${input.currency}`;
  if (amount < product.minDeposit || (product.maxDeposit !== null && amount > product.maxDeposit)) {
    throw new AppError(
      "deposit_not_accepted",
      `${product.name} takes an opening deposit of ${range}.`,
      field("/body/initial_deposit/amount", `must be ${range}`),
    );
  }

  const source = await db.bankAccount.findFirst({
    where: { id: input.funding_account_id, tenantId, ...customerAccounts },
    select: { id: true, customerId: true, type: true, productId: true, maturesAt: true, currency: true, status: true },
  });
  if (!source)
    throw new AppError(
      "resource_not_found",
      `No account with id ${input.funding_account_id}.`,
      field("/body/funding_account_id", "no such account"),
    );
  if (source.customerId !== customerId)
    throw new AppError(
      "account_not_eligible",
      `Account ${source.id} belongs to another customer: fund the deposit from the customer's own account.`,
      field("/body/funding_account_id", "belongs to another customer"),
    );
  if (source.type !== "current" && source.type !== "savings" && source.type !== "fixed_term") {
    throw new AppError(
      "account_not_eligible",
      `A ${source.type} account cannot fund a deposit: use a current or savings account.`,
      field("/body/funding_account_id", "must be a current or savings account"),
    );
  }
  if (source.currency !== input.currency)
    throw new AppError(
      "currency_mismatch",
      `Account ${source.id} holds ${source.currency}.`,
      field("/body/funding_account_id", `holds ${source.currency}`),
    );
  if (source.status !== "active")
    throw new AppError(
      "account_frozen",
      `Account ${source.id} is frozen: it cannot send money.`,
      field("/body/funding_account_id", "is frozen"),
    );
  const extraLegs = withdrawalLegs({ tenantId, account: source, amount, now, pointer: "/body/funding_account_id" });
  return { accountId: source.id, amount, extraLegs };
}

/**
 * Opens an account of a deposit product (or a plain current/savings account by `type`) for
 * one of the tenant's `approved` customers, with a fresh sort code, account number and IBAN.
 * A fixed-term bond gets its maturity date and is funded from another of the customer's
 * accounts; any opening deposit moves in the same transaction as the account is created,
 * with `account.opened` and `transaction.booked` events, so nothing is ever half-opened.
 */
export async function openAccount(options: OpenAccountOptions): Promise<AccountDto> {
  const { db, tenantId, now, input } = options;
  const product = productOf(input);
  const customer = await db.bankCustomer.findFirst({ where: { id: input.customer_id, tenantId }, select: { id: true, kycStatus: true } });
  if (!customer)
    throw new AppError("resource_not_found", `No customer with id ${input.customer_id}.`, field("/body/customer_id", "no such customer"));
  if (customer.kycStatus !== "approved") {
    throw new AppError(
      "kyc_not_approved",
      `Customer ${customer.id} is in KYC status ${customer.kycStatus}: only approved customers can open accounts.`,
      field("/body/customer_id", `KYC status is ${customer.kycStatus}`),
    );
  }
  const funding = await fundingOf(db, tenantId, customer.id, product, input, now);
  if (funding) await ensureLedger(db, tenantId);

  // A random account number, retried on the rare clash with another of the tenant's accounts.
  let accountNumber = "";
  for (let attempt = 0; attempt < 5 && !accountNumber; attempt++) {
    const candidate = String(randomInt(10_000_000, 100_000_000));
    const taken = await db.bankAccount.count({ where: { tenantId, sortCode: OPENED_SORT_CODE, accountNumber: candidate } });
    if (!taken) accountNumber = candidate;
  }
  if (!accountNumber) throw new AppError("conflict", "Could not allocate an account number; retry.");

  const id = newId("account");
  try {
    return await moneyTransaction(db, async (tx) => {
      const row = await tx.bankAccount.create({
        data: {
          id,
          tenantId,
          customerId: customer.id,
          type: product.type,
          productId: product.id,
          maturesAt: product.termMonths ? addUtcMonths(now, product.termMonths) : null,
          name: product.name,
          currency: input.currency,
          status: "active",
          iban: ukIban(BANK_CODE, OPENED_SORT_CODE, accountNumber),
          sortCode: OPENED_SORT_CODE,
          accountNumber,
          bookedBalance: 0n,
          interestRate: product.interestPaid === "none" ? null : product.aer,
          openedAt: now,
          createdAt: now,
        },
        select: accountSelect,
      });
      const dto = toAccountDto(row);
      if (options.idempotencyKeyId)
        await tx.bankIdempotencyKey.update({ where: { id: options.idempotencyKeyId }, data: { resourceId: dto.id } });
      const opened: { type: EventType; object: unknown } = { type: "account.opened", object: dto };
      if (!funding) await recordEvents(tx, tenantId, now, [opened]);
      else {
        const legs: Leg[] = [
          {
            accountId: funding.accountId,
            amount: -funding.amount,
            line: { description: `Transfer to ${product.name}`, category: "savings", channel: "transfer" },
          },
          { accountId: id, amount: funding.amount, line: { description: "Opening deposit", category: "savings", channel: "transfer" } },
          ...funding.extraLegs,
        ];
        await postTransfer(
          tx,
          { tenantId, kind: "payment", reference: id, currency: input.currency, postedAt: now, legs },
          {
            beforeBalances: (lines) =>
              recordEvents(tx, tenantId, now, [
                opened,
                ...lines.map((line) => ({ type: "transaction.booked" as const, object: toTransactionDto(line) })),
              ]),
          },
        );
      }
      return dto;
    });
  } catch (error) {
    if (error instanceof LedgerDecline) {
      if (error.code === "account_frozen")
        throw new AppError("account_frozen", `Account ${error.accountId} is frozen.`, field("/body/funding_account_id", "is frozen"));
      throw new AppError(
        "insufficient_funds",
        `Account ${funding!.accountId} cannot pay ${formatMinor(funding!.amount, input.currency)} ${input.currency}: the balance would go below its limit.`,
        field("/body/funding_account_id", "insufficient funds"),
      );
    }
    throw error;
  }
}
