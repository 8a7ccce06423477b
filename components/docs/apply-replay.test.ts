import { describe, expect, it } from "vitest";
import type { DocsReplay } from "@/lib/request-logs/replay";
import { applyReplay, operationElementId, type ReplaySystem } from "./apply-replay";

const operation = {
  operationId: "listAccountTransactions",
  tags: ["Transactions"],
  parameters: [
    { name: "account_id", in: "path" },
    { name: "status", in: "query" },
    { name: "limit", in: "query" },
    { name: "cursor", in: "query" },
    { name: "Sandbox-Scenario", in: "header" },
  ],
};

const replay = (route: string, pathParams: Record<string, string>, query: [string, string][]): DocsReplay => ({
  request_id: "req_1",
  method: "GET",
  route,
  path_params: pathParams,
  query,
  headers: {},
  body: null,
});

function fakeSystem() {
  const changes: [string, string, string | null][] = [];
  const system: ReplaySystem = {
    specSelectors: {
      specJson: () => ({
        getIn: (path: string[]) =>
          path[1] === "/v1/accounts/{account_id}/transactions" && path[2] === "get" ? { toJS: () => operation } : undefined,
      }),
    },
    specActions: { changeParam: (_pathMethod, name, location, value) => void changes.push([location, name, value]) },
    oas3Actions: { setRequestBodyValue: () => undefined, setRequestContentType: () => undefined },
    layoutActions: { show: () => undefined },
  };
  return { system, changes };
}

describe("applyReplay", () => {
  it("fills what the logged call sent, and clears the example query it did not send", () => {
    const { system, changes } = fakeSystem();
    const id = applyReplay(system, replay("/v1/accounts/{account_id}/transactions", { account_id: "acc_1" }, [["limit", "3"]]));
    expect(id).toBe("operations-Transactions-listAccountTransactions");
    // Cleared first (the reference pre-fills `status=booked`), then the logged values.
    expect(changes).toEqual([
      ["path", "account_id", "acc_1"],
      ["query", "status", null],
      ["query", "cursor", null],
      ["query", "limit", "3"],
    ]);
  });

  it("answers null when the current contract has no such operation", () => {
    const { system } = fakeSystem();
    expect(applyReplay(system, replay("/v1/nope", {}, []))).toBeNull();
  });
});

describe("operationElementId", () => {
  it("is Swagger UI's id: whitespace as _, then CSS-escaped (a standard's tag has punctuation)", () => {
    expect(operationElementId("Accounts", "listAccounts")).toBe("operations-Accounts-listAccounts");
    expect(operationElementId("Account Access", "CreateAccountAccessConsents")).toBe(
      "operations-Account_Access-CreateAccountAccessConsents",
    );
    expect(operationElementId("Account Information Service (AIS)", "getConsentStatus")).toBe(
      "operations-Account_Information_Service_\\(AIS\\)-getConsentStatus",
    );
  });
});
