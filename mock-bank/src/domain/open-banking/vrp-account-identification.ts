import type { PrismaClient } from "@prisma/client";
import { customerAccounts } from "../accounts/account-dto";
import { ibanProblem, sortCodeProblem } from "../payments/payment-rules";
import type { CreatePaymentInput } from "../../schemas/payment";
import { ObError } from "./ob-errors";

/**
 * UK account identifications (OBCashAccount…) and the sandbox's accounts, for VRP and
 * Confirmation of Funds: `UK.OBIE.SortCodeAccountNumber` is the sort code and account number
 * (14 digits), `UK.OBIE.IBAN` the IBAN. The sandbox debits and pays those two schemes only.
 */

export type ObAccountReference = { SchemeName: string; Identification: string; Name?: string; SecondaryIdentification?: string };

const SORT_CODE_ACCOUNT_NUMBER = "UK.OBIE.SortCodeAccountNumber";
const IBAN = "UK.OBIE.IBAN";

type Parsed = { kind: "sort_code"; sortCode: string; accountNumber: string } | { kind: "iban"; iban: string };

/** The identification, checked against its scheme; `path` is the standard's JSON path of the account object. */
export function parseAccountReference(account: ObAccountReference, path: string): Parsed {
  const identification = account.Identification.replace(/\s+/g, "").toUpperCase();
  if (account.SchemeName === SORT_CODE_ACCOUNT_NUMBER) {
    if (!/^\d{14}$/.test(identification))
      throw new ObError(
        400,
        "UK.OBIE.Unsupported.AccountIdentifier",
        "A UK.OBIE.SortCodeAccountNumber is the 6-digit sort code followed by the 8-digit account number (14 digits).",
        `${path}.Identification`,
      );
    return { kind: "sort_code", sortCode: identification.slice(0, 6), accountNumber: identification.slice(6) };
  }
  if (account.SchemeName === IBAN) {
    const problem = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(identification) ? ibanProblem(identification) : "not an IBAN";
    if (problem)
      throw new ObError(400, "UK.OBIE.Unsupported.AccountIdentifier", `The IBAN is not valid: ${problem}.`, `${path}.Identification`);
    return { kind: "iban", iban: identification };
  }
  throw new ObError(
    400,
    "UK.OBIE.Unsupported.Scheme",
    `The sandbox identifies accounts by ${SORT_CODE_ACCOUNT_NUMBER} or ${IBAN}, not ${account.SchemeName}.`,
    `${path}.SchemeName`,
  );
}

/** A customer account of the tenant named by a UK identification, or a 400 naming the field. */
export async function findAccountByReference(options: { db: PrismaClient; tenantId: string; account: ObAccountReference; path: string }) {
  const { db, tenantId, account, path } = options;
  const parsed = parseAccountReference(account, path);
  const found = await db.bankAccount.findFirst({
    where: {
      tenantId,
      ...customerAccounts,
      status: { not: "closed" },
      ...(parsed.kind === "sort_code" ? { sortCode: parsed.sortCode, accountNumber: parsed.accountNumber } : { iban: parsed.iban }),
    },
    select: { id: true, type: true, currency: true, status: true, customerId: true },
  });
  if (!found)
    throw new ObError(400, "UK.OBIE.Field.Invalid", "No account in this sandbox has this identification.", `${path}.Identification`);
  return found;
}

/**
 * One of the tenant's accounts as the standard shows it (OBCashAccountDebtorWithName): its sort code
 * and account number (or IBAN), and the holder's name.
 */
export async function debtorAccountOf(db: PrismaClient, tenantId: string, accountId: string) {
  const account = await db.bankAccount.findFirst({
    where: { id: accountId, tenantId },
    select: { sortCode: true, accountNumber: true, iban: true, name: true, customer: { select: { givenName: true, familyName: true } } },
  });
  if (!account) return undefined;
  const holder = account.customer ? `${account.customer.givenName} ${account.customer.familyName}`.trim() : account.name;
  const Name = (holder || account.name).slice(0, 70);
  if (account.sortCode && account.accountNumber)
    return { SchemeName: SORT_CODE_ACCOUNT_NUMBER, Identification: `${account.sortCode}${account.accountNumber}`, Name };
  if (account.iban) return { SchemeName: IBAN, Identification: account.iban, Name };
  return undefined;
}

/** A payee as /v1's payment domain takes it (the same validation: sort codes starting 00, IBAN check digits). */
export function creditorOf(account: ObAccountReference & { Name: string }, path: string): CreatePaymentInput["creditor"] {
  const parsed = parseAccountReference(account, path);
  const name = account.Name.trim().slice(0, 70);
  if (parsed.kind === "sort_code") {
    const problem = sortCodeProblem(parsed.sortCode);
    if (problem) throw new ObError(400, "UK.OBIE.Field.Invalid", `The sort code is not valid: ${problem}.`, `${path}.Identification`);
    return { type: "sort_code", name, sort_code: parsed.sortCode, account_number: parsed.accountNumber };
  }
  return { type: "iban", name, iban: parsed.iban };
}

/** Two references to the same account (scheme and identification, spaces and case aside). */
export function sameAccount(a: ObAccountReference, b: ObAccountReference): boolean {
  const norm = (value: string) => value.replace(/\s+/g, "").toUpperCase();
  return a.SchemeName === b.SchemeName && norm(a.Identification) === norm(b.Identification);
}
