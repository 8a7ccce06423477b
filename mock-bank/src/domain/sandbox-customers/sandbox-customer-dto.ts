import type { Prisma, PrismaClient } from "@prisma/client";
import { toMoney } from "@openbank/contracts/money";
import { isAuthenticationScenario } from "../oauth/authentication-scenarios";
import { personas } from "../../seed/personas";
import type { CustomCustomerDocumentInput, SandboxCustomerDto } from "../../schemas/sandbox-customers";

const PERSONA_ORDER = personas.map((p) => p.persona);

/** Test customers are the ones with a bank login: the personas and custom customers (not those onboarded by KYC). */
export const testCustomers = { username: { not: null } } as const satisfies Prisma.BankCustomerWhereInput;

const select = {
  id: true,
  persona: true,
  username: true,
  givenName: true,
  familyName: true,
  kycStatus: true,
  authScenario: true,
  accounts: {
    select: { id: true, type: true, name: true, currency: true, bookedBalance: true, overdraftLimit: true, creditLimit: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
} as const satisfies Prisma.BankCustomerSelect;

type Row = Prisma.BankCustomerGetPayload<{ select: typeof select }>;
type Stored = { handle: string; document: string; createdAt: Date };

/**
 * The sandbox view of test customers, in the order given: accounts with booked balances and
 * available ones (booked plus overdraft or credit limit, less pending card payments).
 */
export async function loadSandboxCustomers(
  db: PrismaClient,
  tenantId: string,
  where: Prisma.BankCustomerWhereInput,
  options: { withDocument?: boolean } = {},
): Promise<SandboxCustomerDto[]> {
  const rows: Row[] = await db.bankCustomer.findMany({ where: { tenantId, ...testCustomers, ...where }, select });
  const stored = await db.bankCustomCustomer.findMany({
    where: { tenantId, id: { in: rows.map((r) => r.id) } },
    select: { id: true, handle: true, document: true, createdAt: true },
  });
  const storedById = new Map<string, Stored>(stored.map((s) => [s.id, s]));
  const pending = await db.bankTransaction.groupBy({
    by: ["accountId"],
    where: { tenantId, status: "pending", accountId: { in: rows.flatMap((r) => r.accounts.map((a) => a.id)) } },
    _sum: { amount: true },
  });
  const pendingBy = new Map(pending.map((p) => [p.accountId, p._sum.amount ?? 0n]));
  const dtos = rows.map((row) => toDto(row, storedById.get(row.id), pendingBy, options.withDocument ?? false));
  // Personas first (seed order), then custom customers oldest first.
  const rank = (c: SandboxCustomerDto) =>
    c.source === "persona" ? `0${String(PERSONA_ORDER.indexOf(c.handle)).padStart(3, "0")}` : `1${c.created_at}${c.id}`;
  return dtos.sort((a, b) => rank(a).localeCompare(rank(b)));
}

function toDto(row: Row, stored: Stored | undefined, pendingBy: Map<string, bigint>, withDocument: boolean): SandboxCustomerDto {
  return {
    id: row.id,
    source: row.persona ? "persona" : "custom",
    handle: row.persona ?? stored?.handle ?? (row.username ?? "").replace(/^user_/, ""),
    username: row.username ?? "",
    given_name: row.givenName,
    family_name: row.familyName,
    kyc_status: row.kycStatus as SandboxCustomerDto["kyc_status"],
    authentication_scenario: isAuthenticationScenario(row.authScenario) ? row.authScenario : "approve",
    accounts: row.accounts.map((a) => ({
      id: a.id,
      type: a.type as SandboxCustomerDto["accounts"][number]["type"],
      name: a.name,
      currency: a.currency,
      booked_balance: toMoney(a.bookedBalance, a.currency),
      available_balance: toMoney(a.bookedBalance + a.overdraftLimit + a.creditLimit + (pendingBy.get(a.id) ?? 0n), a.currency),
    })),
    ...(stored ? { created_at: stored.createdAt.toISOString() } : {}),
    ...(stored && withDocument ? { document: JSON.parse(stored.document) as CustomCustomerDocumentInput } : {}),
  };
}
