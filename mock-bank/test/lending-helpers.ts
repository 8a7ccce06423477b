import type { bankClient, Reply } from "./helpers";

type Bank = Awaited<ReturnType<typeof bankClient>>;
type Body = Record<string, unknown>;
export type AccountRow = { id: string; customer_id: string; type: string; status: string; identifiers: Record<string, string> };

let keys = 0;
export const newKey = () => `lend-key-${++keys}-${Math.random().toString(36).slice(2)}`;
export const gbp = (amount: string) => ({ amount, currency: "GBP" });

/** Helpers over the API for lending tests: every call goes through the contract-checking client. */
export function lendingApi(bank: Bank) {
  const post = (
    url: string,
    template: string,
    body: Body,
    options: { tenant?: string; key?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
    if (options.key !== null) headers["idempotency-key"] = options.key ?? newKey();
    return bank.request({ method: "POST", url, template, tenant: options.tenant, headers, payload: JSON.stringify(body) });
  };
  const accounts = async (tenant: string) =>
    (await bank.get("/v1/accounts", "/v1/accounts?limit=100", { tenant })).body.data as AccountRow[];
  const customers = async (tenant: string) =>
    (await bank.get("/v1/customers", "/v1/customers?limit=100", { tenant })).body.data as { id: string; persona: string | null }[];
  return {
    post,
    accounts,
    /** A persona's customer id and its accounts by type. */
    async persona(tenant: string, persona: string) {
      const customer = (await customers(tenant)).find((c) => c.persona === persona)!;
      const own = (await accounts(tenant)).filter((a) => a.customer_id === customer.id);
      return {
        customerId: customer.id,
        current: own.find((a) => a.type === "current")!,
        savings: own.find((a) => a.type === "savings")!,
        card: own.find((a) => a.type === "credit_card")!,
      };
    },
    apply: (body: Body, options: { tenant?: string; key?: string | null; headers?: Record<string, string> } = {}) =>
      post("/v1/loans/applications", "/v1/loans/applications", body, options),
    accept: (offerId: string, body: Body, options: { tenant?: string; key?: string | null } = {}) =>
      post(`/v1/loans/offers/${offerId}/accept`, "/v1/loans/offers/{offer_id}/accept", body, options),
    createPlan: (body: Body, options: { tenant?: string; key?: string | null; headers?: Record<string, string> } = {}) =>
      post("/v1/bnpl/plans", "/v1/bnpl/plans", body, options),
    advance: (tenant: string, days: number) =>
      post("/v1/sandbox/clock/advance", "/v1/sandbox/clock/advance", { days }, { tenant, key: null }),
    /** Booked balance in pence. */
    booked: async (tenant: string, accountId: string) => {
      const reply = await bank.get("/v1/accounts/{account_id}/balances", `/v1/accounts/${accountId}/balances`, { tenant });
      return Math.round(Number(reply.body.booked.amount) * 100);
    },
    getLoan: (tenant: string, loanId: string) => bank.get("/v1/loans/{loan_id}", `/v1/loans/${loanId}`, { tenant }),
  };
}
