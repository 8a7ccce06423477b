import { describe, expect, it } from "vitest";
import type { LoggedCall } from "../readiness-check";
import { gradeInput as input } from "./grade-input";
import { SETTLE_MS, standards } from "./standards";

// Synthetic standards traffic, as the request log keeps it: what a careful and a careless integration leave behind.

const UUID_1 = "93bac548-d2de-4546-b106-880a5018460d";
let clock = 0;
const call = (
  id: string,
  method: string,
  path: string,
  status: number,
  options: { headers?: Record<string, string>; body?: unknown; responseHeaders?: Record<string, string> } = {},
): LoggedCall => {
  clock += 100;
  return {
    id,
    method,
    path,
    status,
    startedAt: clock,
    endedAt: clock + 20,
    idempotencyKey: null,
    fault: null,
    responseBody: options.body === undefined ? null : JSON.stringify(options.body),
    requestHeaders: options.headers ?? {},
    responseHeaders: options.responseHeaders ?? {},
  };
};

const bg = (extra: Record<string, string> = {}) => ({ "x-request-id": UUID_1, ...extra });
const uk = { "x-fapi-interaction-id": UUID_1 };
const BG = "/berlin-group/v1";
const AISP = "/open-banking/v4.0/aisp";

/** The careful reference app's Berlin Group walk: create, authorise (DECOUPLED), check the status, read. */
const carefulBg = () => [
  call("req_c1", "POST", `${BG}/consents`, 201, { headers: bg(), body: { consentId: "cns_1", consentStatus: "received" } }),
  call("req_c2", "POST", `${BG}/consents/cns_1/authorisations`, 201, { headers: bg(), body: { authorisationId: "aut_1" } }),
  call("req_c3", "GET", `${BG}/consents/cns_1/status`, 200, { headers: bg(), body: { consentStatus: "valid" } }),
  call("req_c4", "GET", `${BG}/accounts?withBalance=true`, 200, { headers: bg({ "consent-id": "cns_1" }), body: { accounts: [] } }),
];

const graded = (calls: LoggedCall[]) => {
  const last = Math.max(...calls.map((c) => c.endedAt));
  return standards.grade(input({ calls, now: last + SETTLE_MS }));
};

describe("standards", () => {
  it("passes the careful Berlin Group walk: X-Request-ID everywhere, data only once the consent is valid", () => {
    expect(graded(carefulBg())).toMatchObject({ grade: "pass", requestIds: ["req_c1", "req_c2", "req_c3", "req_c4"] });
  });

  it("passes UK calls that send x-fapi-interaction-id and read data once the consent is AUTH", () => {
    const calls = [
      call("req_u1", "POST", `${AISP}/account-access-consents`, 201, {
        headers: uk,
        body: { Data: { ConsentId: "cns_u", Status: "AWAU" } },
      }),
      call("req_u2", "GET", `${AISP}/account-access-consents/cns_u`, 200, {
        headers: uk,
        body: { Data: { ConsentId: "cns_u", Status: "AUTH" } },
      }),
      call("req_u3", "GET", `${AISP}/accounts`, 200, { headers: uk, body: { Data: { Account: [] } } }),
    ];
    expect(graded(calls)).toMatchObject({ grade: "pass", summary: expect.stringMatching(/UK Open Banking calls/) });
  });

  it("fails UK calls without x-fapi-interaction-id (the gateway made one up), naming them", () => {
    const calls = [
      call("req_u1", "POST", `${AISP}/account-access-consents`, 201, { body: { Data: { ConsentId: "cns_u", Status: "AWAU" } } }),
      call("req_u2", "DELETE", `${AISP}/account-access-consents/cns_u`, 204, { headers: uk }),
      call("req_u3", "GET", `${AISP}/account-access-consents/cns_u`, 200, { headers: { "x-fapi-interaction-id": "not-a-uuid" } }),
    ];
    const result = graded(calls);
    expect(result).toMatchObject({ grade: "fail", requestIds: ["req_u1", "req_u3"] });
    expect(result?.summary).toMatch(/2 of 3 UK Open Banking calls were sent without a UUID in x-fapi-interaction-id/);
  });

  it("fails a Berlin Group call the gateway refused for a missing X-Request-ID", () => {
    const calls = [...carefulBg(), call("req_c5", "GET", `${BG}/accounts`, 400, { headers: { "consent-id": "cns_1" } })];
    expect(graded(calls)).toMatchObject({ grade: "fail", requestIds: ["req_c5"], summary: expect.stringMatching(/X-Request-ID/) });
  });

  it("fails data calls on a consent the app knew was only received, and its reuse after the refusal", () => {
    const refused = {
      tppMessages: [
        { category: "ERROR", code: "CONSENT_INVALID", text: "Consent cns_2 is not authorised yet: the PSU must authorise it first." },
      ],
    };
    const calls = [
      call("req_x1", "POST", `${BG}/consents`, 201, { headers: bg(), body: { consentId: "cns_2", consentStatus: "received" } }),
      call("req_x2", "GET", `${BG}/accounts`, 401, { headers: bg({ "consent-id": "cns_2" }), body: refused }),
      call("req_x3", "GET", `${BG}/accounts`, 401, { headers: bg({ "consent-id": "cns_2" }), body: refused }),
    ];
    const result = graded(calls);
    expect(result).toMatchObject({ grade: "fail", requestIds: ["req_x2", "req_x3"] });
    expect(result?.summary).toMatch(/used consent cns_2 while it was received \(and 1 more\)/);
  });

  it("forgives the first refusal of a consent revoked behind the app's back, not a second use of it", () => {
    const revoked = { tppMessages: [{ code: "CONSENT_INVALID", text: "Consent cns_1 was revoked by the PSU." }] };
    const once = [...carefulBg(), call("req_r1", "GET", `${BG}/accounts`, 401, { headers: bg({ "consent-id": "cns_1" }), body: revoked })];
    expect(graded(once)?.grade).toBe("pass");
    const again = [...once, call("req_r2", "GET", `${BG}/accounts`, 401, { headers: bg({ "consent-id": "cns_1" }), body: revoked })];
    expect(graded(again)).toMatchObject({ grade: "fail", requestIds: ["req_r2"], summary: expect.stringMatching(/while it was revoked/) });
  });

  it("does not count a consent that merely does not cover an account as a lifecycle fault", () => {
    const notCovered = { tppMessages: [{ code: "CONSENT_INVALID", text: "Consent cns_1 does not cover account acc_9." }] };
    const calls = [
      ...carefulBg(),
      call("req_n1", "GET", `${BG}/accounts/acc_9`, 401, { headers: bg({ "consent-id": "cns_1" }), body: notCovered }),
    ];
    expect(graded(calls)?.grade).toBe("pass");
  });

  it("fails a UK data call on a consent that was not authorised, and a second call after a revoked-consent 401", () => {
    const notAuthorised = call("req_u1", "GET", `${AISP}/accounts`, 403, {
      headers: uk,
      body: { Errors: [{ ErrorCode: "UK.OBIE.Resource.InvalidConsentStatus" }] },
    });
    expect(graded([notAuthorised])).toMatchObject({ grade: "fail", requestIds: ["req_u1"] });
    const challenge = {
      "www-authenticate": 'Bearer realm="sandbox", error="invalid_token", error_description="Consent cns_u was revoked (CANC)"',
    };
    const first = call("req_u2", "GET", `${AISP}/accounts`, 401, { headers: uk, responseHeaders: challenge });
    expect(graded([first])?.grade).toBe("pass");
    const second = call("req_u3", "GET", `${AISP}/accounts/acc_1/balances`, 401, { headers: uk, responseHeaders: challenge });
    expect(graded([first, second])).toMatchObject({ grade: "fail", requestIds: ["req_u3"], summary: expect.stringMatching(/again/) });
  });

  it("fails a data call on a consent the app itself deleted", () => {
    const calls = [
      ...carefulBg(),
      call("req_d1", "DELETE", `${BG}/consents/cns_1`, 204, { headers: bg() }),
      call("req_d2", "GET", `${BG}/accounts`, 401, {
        headers: bg({ "consent-id": "cns_1" }),
        body: { tppMessages: [{ code: "CONSENT_INVALID", text: "Consent cns_1 was terminated by the TPP." }] },
      }),
    ];
    expect(graded(calls)).toMatchObject({ grade: "fail", requestIds: ["req_d2"], summary: expect.stringMatching(/terminatedByTpp/) });
  });

  it("waits while the app is still calling, and ignores calls outside the standards", () => {
    const calls = carefulBg();
    const last = calls.at(-1)!.endedAt;
    expect(standards.grade(input({ calls, now: last + SETTLE_MS - 1 }))).toBeNull();
    const other = call("req_v1", "GET", "/v1/accounts", 200);
    expect(standards.grade(input({ calls: [other], now: other.endedAt + 60_000 }))).toBeNull();
    expect(graded([...calls, other])?.requestIds).not.toContain("req_v1");
    // Any call of the app (its /oauth walk between two standards calls) keeps the check waiting.
    const oauth = { ...call("req_o1", "POST", "/oauth/token", 200), startedAt: last + 1_000, endedAt: last + 1_100 };
    expect(standards.grade(input({ calls: [...calls, oauth], now: last + SETTLE_MS + 1 }))).toBeNull();
    expect(standards.grade(input({ calls: [...calls, oauth], now: oauth.endedAt + SETTLE_MS }))?.grade).toBe("pass");
  });

  it("grades an app that never calls the standards 'not used' at the time limit (a pass that says so)", () => {
    const result = standards.grade(input({ calls: [call("req_v1", "GET", "/v1/accounts", 200)], timedOut: true }));
    expect(result).toMatchObject({ grade: "pass", requestIds: [] });
    expect(result?.summary).toMatch(/^Not used:/);
  });

  it("grades what there is at the time limit, even mid-walk", () => {
    const calls = carefulBg();
    expect(standards.grade(input({ calls, now: calls.at(-1)!.endedAt + 1, timedOut: true }))?.grade).toBe("pass");
  });
});

describe("the standards check's guide link", () => {
  it("points at a heading of the guide", async () => {
    const { readFile } = await import("node:fs/promises");
    const { slugify } = await import("@/lib/guides/load-guides");
    const [page, anchor] = standards.guide.replace("/docs/guides/", "").split("#");
    const source = await readFile(`content/guides/${page}.mdx`, "utf8");
    const headings = [...source.matchAll(/^#{2,3} (.+)$/gm)].map((match) => slugify(match[1]));
    expect(headings).toContain(anchor);
  });
});
