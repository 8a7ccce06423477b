/**
 * Compile-time checks of the client's types: `npx tsc --noEmit` fails if any line marked
 * `@ts-expect-error` stops being an error (the types would no longer catch that mistake) or if a
 * correct call stops compiling. Nothing here runs.
 */
import { createSandboxClient, type Problem, type Schema } from "@openbank/sandbox-client";

export async function typeTests() {
  const bank = createSandboxClient({ baseUrl: "https://portal.example.com", apiKey: "sk_sandbox_x" });

  const { data, error } = await bank.GET("/v1/accounts", { params: { query: { limit: 3, type: "current" } } });
  if (error) {
    const problem: Problem = error;
    void problem.code;
  } else {
    const first: Schema<"Account"> | undefined = data.data[0];
    void first?.id;
  }

  await bank.POST("/v1/payments", {
    params: { header: { "idempotency-key": "k" } },
    body: { debtor_account_id: "acc_1", creditor: { type: "account", account_id: "acc_2" }, amount: { amount: "1.00", currency: "GBP" } },
  });

  // @ts-expect-error a path the API does not have
  await bank.GET("/v1/acounts");
  // @ts-expect-error a query parameter the operation does not take
  await bank.GET("/v1/accounts", { params: { query: { page_size: 3 } } });
  // @ts-expect-error an enum value the API does not accept
  await bank.GET("/v1/accounts", { params: { query: { type: "chequing" } } });
  // @ts-expect-error the payment's idempotency key is required
  await bank.POST("/v1/payments", { body: { debtor_account_id: "acc_1", creditor: { type: "account", account_id: "acc_2" } } });
  // @ts-expect-error a path parameter is required
  await bank.GET("/v1/accounts/{account_id}", {});
  // @ts-expect-error the method is not defined on that path
  await bank.DELETE("/v1/accounts");
}
