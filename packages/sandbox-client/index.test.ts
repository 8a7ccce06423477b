import { describe, expect, it } from "vitest";
import { createSandboxClient } from "@openbank/sandbox-client";

/** A fetch that records the request and answers with the given status and JSON body. */
function recordingFetch(status: number, body: unknown, contentType = "application/json") {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": contentType } });
  };
  return { requests, fetch };
}

describe("createSandboxClient", () => {
  it("calls the portal's origin with the path, the query and the key as a bearer token", async () => {
    const { requests, fetch } = recordingFetch(200, { data: [], next_cursor: null });
    const bank = createSandboxClient({ baseUrl: "https://portal.example.com/", apiKey: "sk_sandbox_abc", fetch });
    const { data, error } = await bank.GET("/v1/accounts", { params: { query: { limit: 3 } } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ data: [], next_cursor: null });
    expect(requests[0].url).toBe("https://portal.example.com/v1/accounts?limit=3");
    expect(requests[0].headers.get("authorization")).toBe("Bearer sk_sandbox_abc");
  });

  it("sends a consent's access token, path parameters, headers and a JSON body", async () => {
    const { requests, fetch } = recordingFetch(201, { id: "pay_1" });
    const bank = createSandboxClient({ baseUrl: "https://portal.example.com", accessToken: "oat_token", fetch });
    await bank.POST("/v1/payments", {
      params: { header: { "idempotency-key": "key-1" } },
      body: { debtor_account_id: "acc_1", creditor: { type: "account", account_id: "acc_2" } },
    });
    await bank.GET("/v1/accounts/{account_id}", { params: { path: { account_id: "acc_1" } } });
    expect(requests[0].method).toBe("POST");
    expect(requests[0].headers.get("authorization")).toBe("Bearer oat_token");
    expect(requests[0].headers.get("idempotency-key")).toBe("key-1");
    expect(await requests[0].json()).toEqual({ debtor_account_id: "acc_1", creditor: { type: "account", account_id: "acc_2" } });
    expect(requests[1].url).toBe("https://portal.example.com/v1/accounts/acc_1");
  });

  it("returns a problem+json answer as `error`, without throwing", async () => {
    const problem = {
      type: "https://portal.example.com/docs/errors#invalid_api_key",
      title: "Invalid API key",
      status: 401,
      code: "invalid_api_key",
      detail: "No such key.",
      requestId: "req_1",
    };
    const { fetch } = recordingFetch(401, problem, "application/problem+json");
    const bank = createSandboxClient({ baseUrl: "https://portal.example.com", apiKey: "sk_sandbox_wrong", fetch });
    const { data, error, response } = await bank.GET("/v1/accounts");
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ code: "invalid_api_key", detail: "No such key." });
  });

  it("sends no Authorization header without a credential", async () => {
    const { requests, fetch } = recordingFetch(401, {});
    await createSandboxClient({ baseUrl: "http://localhost:3000", fetch }).GET("/v1/accounts");
    expect(requests[0].headers.has("authorization")).toBe(false);
  });

  it("refuses a missing base URL and two credentials at once", () => {
    expect(() => createSandboxClient({ baseUrl: "" })).toThrow(/baseUrl/);
    expect(() => createSandboxClient({ baseUrl: "portal.example.com" })).toThrow(/baseUrl/);
    expect(() => createSandboxClient({ baseUrl: "https://portal.example.com", apiKey: "sk_sandbox_x", accessToken: "oat_y" })).toThrow(
      /not both/,
    );
  });
});
