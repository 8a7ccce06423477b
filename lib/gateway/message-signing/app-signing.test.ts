import { describe, expect, it } from "vitest";
import type { ClientApp } from "../../oauth-clients/find-client-app";
import { createAppSigningLookup } from "./app-signing";

const client: ClientApp = {
  appId: "app_1",
  name: "Payments app",
  clientId: "cli_AAAAAAAAAAAAAAAAAAAAAA",
  secretHash: null,
  redirectUris: [],
  profile: "fapi2",
  authMethod: "private_key_jwt",
  jwks: { keys: [{ kty: "RSA", kid: "r1", n: "AQAB", e: "AQAB" } as JsonWebKey] },
  jwksUri: null,
  messageSigning: true,
  teamId: "team_1",
  tppCertificates: [],
};

describe("createAppSigningLookup", () => {
  it("gives an app's pasted keys and who it may say it is, or nothing when it does not sign", async () => {
    const fetched: string[] = [];
    const lookup = (found: ClientApp | null) =>
      createAppSigningLookup({
        findClient: async () => found,
        fetchJwks: async (uri) => (fetched.push(uri), [{ kty: "RSA", kid: "remote" }]),
      });
    expect(await lookup(client)("app_1")).toEqual({ keys: client.jwks!.keys, issuers: ["team_1/app_1", "cli_AAAAAAAAAAAAAAAAAAAAAA"] });
    expect(await lookup({ ...client, messageSigning: false })("app_1")).toBeNull();
    expect(await lookup(null)("app_1")).toBeNull();
    const remote = await lookup({ ...client, jwks: null, jwksUri: "https://tpp.example/jwks.json" })("app_1");
    expect(remote?.keys).toEqual([{ kty: "RSA", kid: "remote" }]);
    expect(fetched).toEqual(["https://tpp.example/jwks.json"]);
  });
});
