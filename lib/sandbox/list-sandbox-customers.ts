import { AppError } from "@openbank/contracts/errors";
import { callBank } from "@/lib/bank/call-bank";
import type { SandboxAccount, SandboxCustomer } from "./sandbox-dto";

type Money = { amount: string; currency: string };
type BankSandboxCustomer = Omit<SandboxCustomer, "accounts" | "handle"> & {
  handle: string | null;
  authentication_scenario: string | null;
  accounts: Array<Omit<SandboxAccount, "available_balance"> & { available_balance?: Money | null }>;
};
type BankCustomer = { id: string; given_name: string; family_name: string; persona: string | null; kyc: { status: string } };
type BankAccount = { id: string; customer_id: string; type: string; name: string; currency: string };
type BankBalances = { booked: Money; available: Money };

/** Whether the bank answered "no such route": the feature is not on this bank yet. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof AppError && error.code === "not_found";
}

/**
 * Every test customer of the app's sandbox with their accounts and balances: the bank's
 * `GET /v1/sandbox/customers` (personas and custom customers). A bank without that endpoint
 * still has its personas: they are read from `/v1/customers` and `/v1/accounts` instead.
 */
export async function listSandboxCustomers(options: { appId: string }): Promise<SandboxCustomer[]> {
  return (await readSandboxCustomers(options)).customers;
}

/** The same, and whether the bank has custom customers at all (the editor's panel is honest about it). */
export async function readSandboxCustomers(options: {
  appId: string;
}): Promise<{ customers: SandboxCustomer[]; customAvailable: boolean }> {
  try {
    const page = await callBank<{ data: BankSandboxCustomer[] }>({ appId: options.appId, method: "GET", path: "/v1/sandbox/customers" });
    const customers = page.data.map((customer) => ({
      id: customer.id,
      source: customer.source,
      handle: customer.handle ?? customer.username.replace(/^user_/, ""),
      username: customer.username,
      given_name: customer.given_name,
      family_name: customer.family_name,
      kyc_status: customer.kyc_status,
      authentication_scenario: customer.authentication_scenario ?? "approve",
      accounts: customer.accounts.map((account) => ({
        id: account.id,
        type: account.type,
        name: account.name,
        currency: account.currency,
        booked_balance: account.booked_balance,
        available_balance: account.available_balance ?? null,
      })),
    }));
    return { customers, customAvailable: true };
  } catch (error) {
    if (!isMissingRoute(error)) throw error;
    return { customers: await listPersonas(options.appId), customAvailable: false };
  }
}

async function listPersonas(appId: string): Promise<SandboxCustomer[]> {
  const [customers, accounts] = await Promise.all([
    callBank<{ data: BankCustomer[] }>({ appId, method: "GET", path: "/v1/customers?limit=100" }),
    callBank<{ data: BankAccount[] }>({ appId, method: "GET", path: "/v1/accounts?limit=100" }),
  ]);
  const personas = customers.data.filter((customer) => customer.persona !== null);
  const held = accounts.data.filter((account) => personas.some((persona) => persona.id === account.customer_id));
  const balances = await Promise.all(
    held.map((account) => callBank<BankBalances>({ appId, method: "GET", path: `/v1/accounts/${account.id}/balances` })),
  );
  return personas.map((persona) => ({
    id: persona.id,
    source: "persona" as const,
    handle: persona.persona!,
    username: `user_${persona.persona}`,
    given_name: persona.given_name,
    family_name: persona.family_name,
    kyc_status: persona.kyc.status,
    authentication_scenario: "approve",
    accounts: held.flatMap((account, index) =>
      account.customer_id === persona.id
        ? [
            {
              id: account.id,
              type: account.type,
              name: account.name,
              currency: account.currency,
              booked_balance: balances[index].booked,
              available_balance: balances[index].available,
            },
          ]
        : [],
    ),
  }));
}
