import { afterEach, describe, expect, it, vi } from "vitest";
import type { Context } from "./context.js";
import { pollForToken, type DeviceAuthorization } from "./device-flow.js";
import { CliError, EXIT } from "./errors.js";

const context = { baseUrl: "http://portal.test", json: false } as Context;
const authorization: DeviceAuthorization = {
  device_code: "dvc_x",
  user_code: "BDFH-JKLM",
  verification_uri: "http://portal.test/device",
  expires_in: 900,
  interval: 2,
};
const TOKEN = { access_token: "pat_x", token_type: "Bearer", expires_in: 7776000, scope: "write", token_id: "tkn_1", team_id: null };

/** The token endpoint answering these bodies in turn; records each poll's form. */
function portalAnswering(...answers: [number, unknown][]) {
  const forms: URLSearchParams[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      forms.push(new URLSearchParams(String(init.body)));
      const [status, body] = answers.shift()!;
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }),
  );
  return forms;
}

afterEach(() => vi.unstubAllGlobals());

describe("pollForToken (RFC 8628 §3.4–3.5)", () => {
  it("waits the interval before each poll, goes on while pending, and returns the token", async () => {
    const forms = portalAnswering([400, { error: "authorization_pending" }], [400, { error: "authorization_pending" }], [200, TOKEN]);
    const sleeps: number[] = [];
    const token = await pollForToken(context, authorization, { sleep: async (ms) => void sleeps.push(ms) });
    expect(token).toEqual(TOKEN);
    expect(sleeps).toEqual([2000, 2000, 2000]);
    expect(Object.fromEntries(forms[0])).toEqual({
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      device_code: "dvc_x",
      client_id: "openbank-cli",
    });
  });

  it("slow_down raises the interval for this and every later poll: by 5 s, or to the portal's interval", async () => {
    portalAnswering(
      [400, { error: "slow_down" }],
      [400, { error: "authorization_pending" }],
      [400, { error: "slow_down", interval: 20 }],
      [200, TOKEN],
    );
    const sleeps: number[] = [];
    const slowed: number[] = [];
    await pollForToken(context, authorization, { sleep: async (ms) => void sleeps.push(ms), onSlowDown: (s) => slowed.push(s) });
    expect(sleeps).toEqual([2000, 7000, 7000, 20000]);
    expect(slowed).toEqual([7, 20]);
  });

  it("defaults to 5 s when the portal gives no interval", async () => {
    portalAnswering([200, TOKEN]);
    const sleeps: number[] = [];
    await pollForToken(context, { ...authorization, interval: undefined }, { sleep: async (ms) => void sleeps.push(ms) });
    expect(sleeps).toEqual([5000]);
  });

  it.each([
    ["access_denied", EXIT.unauthenticated, /denied/],
    ["expired_token", EXIT.unauthenticated, /expired/],
    ["invalid_grant", EXIT.failed, /invalid_grant|used/],
  ])("stops on %s", async (error, exitCode, message) => {
    portalAnswering([400, { error, error_description: "The device code … was already used." }]);
    const failure = await pollForToken(context, authorization, { sleep: async () => {} }).catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(exitCode);
    expect((failure as CliError).message).toMatch(message);
  });

  it("a problem (a throttle's 429) is reported as one", async () => {
    portalAnswering([429, { title: "Too many requests", status: 429, code: "rate_limited" }]);
    const failure = (await pollForToken(context, authorization, { sleep: async () => {} }).catch((caught: unknown) => caught)) as CliError;
    expect(failure.problem?.code).toBe("rate_limited");
    expect(failure.exitCode).toBe(EXIT.failed);
  });
});
