import { describe, expect, it } from "vitest";
import { signConnectedAppsLink } from "./connected-apps-link";
import { maskUrlSecrets } from "./url-secrets";

describe("maskUrlSecrets", () => {
  it("masks a connected-apps link's signature and keeps what names the sandbox", () => {
    const query = signConnectedAppsLink({ internalSecret: "x".repeat(40), tenantId: "app_1", appName: "Budget Buddy", now: new Date(0) });
    const sig = query.get("sig")!;
    const masked = maskUrlSecrets(`/oauth/connected-apps?${query}`, "[redacted]");
    expect(masked).not.toContain(sig);
    expect(masked).toBe(`/oauth/connected-apps?tenant=app_1&app=Budget+Buddy&exp=600&sig=[redacted]`);
  });

  it("masks OAuth's one-time values wherever they sit, and only whole parameter names", () => {
    expect(maskUrlSecrets("/oauth/authorize?code=c1&client_id=cli_1&state=s1&request_uri=urn%3Ax&nonce=n1#frag")).toBe(
      "/oauth/authorize?code=…&client_id=cli_1&state=…&request_uri=…&nonce=…#frag",
    );
    expect(maskUrlSecrets("/v1/x?code_challenge=abc&signature=1&sigma=2&postcode=3")).toBe(
      "/v1/x?code_challenge=abc&signature=1&sigma=2&postcode=3",
    );
    expect(maskUrlSecrets("/v1/accounts")).toBe("/v1/accounts");
  });
});
