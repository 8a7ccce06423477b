import { generateKeyPairSync } from "node:crypto";
import { createLocalJWKSet, jwtVerify } from "jose";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createOpenApiValidator } from "../../mock-bank/test/openapi-validator";
import { expectProblem } from "../support/contract";
import { PortalClient } from "../support/portal-client";
import { createTeam, newMember } from "../support/teams";

/**
 * The app's security profile and keys (PUT /api/apps/{appId}/oauth-client/settings), and the portal
 * as the sandbox's directory (POST /api/apps/{appId}/software-statement, GET /directory/jwks.json):
 * happy, error and security cases. The role table and the step-up sweep walk both operations too.
 */
const portalUrl = inject("portalUrl");
const published = createOpenApiValidator(await (await fetch(`${portalUrl}/api/openapi.json`)).json());

let owner: PortalClient;
let viewer: PortalClient;
let stranger: PortalClient;
let teamId: string;
let appId: string;

function ecJwk(kid: string, part: "publicKey" | "privateKey" = "publicKey") {
  return { ...generateKeyPairSync("ec", { namedCurve: "P-256" })[part].export({ format: "jwk" }), kid, use: "sig" };
}

beforeAll(async () => {
  owner = (await PortalClient.newDeveloper(portalUrl, "Profile Owner", { verified: true })).client;
  teamId = await createTeam(owner, "Profile team");
  const created = await owner.json("POST", "/api/apps", {
    name: "FAPI rehearsal",
    team_id: teamId,
    redirect_uris: ["https://tpp.example/cb"],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  appId = created.body.app.id;
  viewer = (await newMember(portalUrl, owner, teamId, "viewer", "Profile viewer")).client;
  stranger = (await PortalClient.newDeveloper(portalUrl, "Profile stranger")).client;
}, 60_000);

const settingsPath = () => `/api/apps/${appId}/oauth-client/settings`;

describe("PUT /api/apps/{appId}/oauth-client/settings", () => {
  it("starts on Basic with a client secret and no keys", async () => {
    const { status, body } = await owner.json("GET", `/api/apps/${appId}/oauth-client`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ profile: "basic", token_endpoint_auth_method: "client_secret_basic", jwks: null, jwks_uri: null });
    published.assertResponse({
      method: "GET",
      path: "/api/apps/{appId}/oauth-client",
      status: 200,
      contentType: "application/json",
      body: body,
    });
  });

  it("switches to FAPI 2.0 with a pasted JWKS, then to a JWKS URI, and audits each change", async () => {
    const jwks = { keys: [ecJwk("sig-1"), ecJwk("sig-2")] };
    const fapi = await owner.json("PUT", settingsPath(), { profile: "fapi2", token_endpoint_auth_method: "private_key_jwt", jwks });
    expect(fapi.status, JSON.stringify(fapi.body)).toBe(200);
    expect(fapi.body).toMatchObject({ profile: "fapi2", token_endpoint_auth_method: "private_key_jwt", jwks, jwks_uri: null });
    published.assertResponse({
      method: "PUT",
      path: "/api/apps/{appId}/oauth-client/settings",
      status: 200,
      contentType: "application/json",
      body: fapi.body,
    });
    expect((await owner.json("GET", `/api/apps/${appId}/oauth-client`)).body.jwks).toEqual(jwks);

    const uri = await owner.json("PUT", settingsPath(), {
      profile: "fapi2",
      token_endpoint_auth_method: "private_key_jwt",
      jwks_uri: "https://tpp.example/.well-known/jwks.json",
    });
    expect(uri.status, JSON.stringify(uri.body)).toBe(200);
    expect(uri.body).toMatchObject({ jwks: null, jwks_uri: "https://tpp.example/.well-known/jwks.json" });

    const audit = await owner.json("GET", `/api/teams/${teamId}/audit?action=app.oauth_settings_changed`);
    expect(audit.status).toBe(200);
    const changes = audit.body.data.filter((event: { action: string }) => event.action === "app.oauth_settings_changed");
    expect(changes.map((event: { metadata: Record<string, string> }) => event.metadata.after)).toEqual([
      "fapi2 private_key_jwt jwks_uri https://tpp.example/.well-known/jwks.json",
      "fapi2 private_key_jwt jwks[sig-1,sig-2]",
    ]);
    expect(changes[1].metadata.before).toBe("basic client_secret_basic no keys");
  });

  it.each([
    [
      "a private key",
      { profile: "basic", token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [ecJwk("leak", "privateKey")] } },
      "/body/jwks/keys/0/d",
    ],
    [
      "FAPI 2.0 with a client secret",
      { profile: "fapi2", token_endpoint_auth_method: "client_secret_basic", jwks: { keys: [ecJwk("a")] } },
      "/body/token_endpoint_auth_method",
    ],
    ["private_key_jwt without keys", { profile: "basic", token_endpoint_auth_method: "private_key_jwt" }, "/body/jwks"],
    [
      "a JWKS URI at the cloud metadata address",
      { profile: "fapi2", token_endpoint_auth_method: "private_key_jwt", jwks_uri: "https://169.254.169.254/keys" },
      "/body/jwks_uri",
    ],
    [
      "both a JWKS and a JWKS URI",
      {
        profile: "basic",
        token_endpoint_auth_method: "private_key_jwt",
        jwks: { keys: [ecJwk("b")] },
        jwks_uri: "https://tpp.example/jwks",
      },
      "/body/jwks_uri",
    ],
    [
      "a duplicate kid",
      { profile: "basic", token_endpoint_auth_method: "private_key_jwt", jwks: { keys: [ecJwk("same"), ecJwk("same")] } },
      "/body/jwks/keys/1/kid",
    ],
  ])("refuses %s, naming the field, and changes nothing", async (_, body, pointer) => {
    const before = (await owner.json("GET", `/api/apps/${appId}/oauth-client`)).body;
    const problem = await expectProblem(await owner.request("PUT", settingsPath(), body), 400, "validation_failed");
    expect(problem.errors.map((error) => error.pointer)).toContain(pointer);
    expect((await owner.json("GET", `/api/apps/${appId}/oauth-client`)).body).toEqual(before);
  });

  it("is refused to a viewer (403) and to another team (404)", async () => {
    const body = { profile: "basic", token_endpoint_auth_method: "client_secret_basic" };
    await expectProblem(await viewer.request("PUT", settingsPath(), body), 403, "forbidden");
    await expectProblem(await stranger.request("PUT", settingsPath(), body), 404, "resource_not_found");
  });
});

describe("the sandbox directory", () => {
  it("publishes its public key at /directory/jwks.json, cacheable, with no private member", async () => {
    const response = await fetch(`${portalUrl}/directory/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(response.headers.get("content-type")).toMatch(/^application\/jwk-set\+json/);
    const jwks = await response.json();
    expect(jwks.keys).toEqual([{ kty: "OKP", crv: "Ed25519", x: expect.any(String), kid: expect.any(String), alg: "EdDSA", use: "sig" }]);
  });

  it("signs a software statement with the app's id, name, redirect URIs, keys, roles and team", async () => {
    const jwks = { keys: [ecJwk("dcr-1")] };
    expect(
      (await owner.json("PUT", settingsPath(), { profile: "fapi2", token_endpoint_auth_method: "private_key_jwt", jwks })).status,
    ).toBe(200);
    const { status, body } = await owner.json("POST", `/api/apps/${appId}/software-statement`);
    expect(status, JSON.stringify(body)).toBe(200);
    published.assertResponse({
      method: "POST",
      path: "/api/apps/{appId}/software-statement",
      status: 200,
      contentType: "application/json",
      body: body,
    });
    const keys = createLocalJWKSet(await (await fetch(`${portalUrl}/directory/jwks.json`)).json());
    const issuer = `${new URL(portalUrl).origin}/directory`;
    const { payload, protectedHeader } = await jwtVerify(body.software_statement, keys, { issuer, typ: "JWT", algorithms: ["EdDSA"] });
    expect(protectedHeader.alg).toBe("EdDSA");
    expect(payload).toEqual({
      iss: issuer,
      iat: expect.any(Number),
      exp: (payload.iat as number) + 30 * 24 * 60 * 60,
      jti: expect.any(String),
      software_id: appId,
      software_client_name: "FAPI rehearsal",
      software_redirect_uris: ["https://tpp.example/cb"],
      software_jwks: jwks,
      software_roles: ["AISP", "PISP"],
      software_token_endpoint_auth_method: "private_key_jwt",
      org_id: teamId,
    });
    expect(body.expires_at).toBe(new Date((payload.exp as number) * 1000).toISOString());
  });

  it("is refused to a viewer (403) and to another team (404)", async () => {
    await expectProblem(await viewer.request("POST", `/api/apps/${appId}/software-statement`), 403, "forbidden");
    await expectProblem(await stranger.request("POST", `/api/apps/${appId}/software-statement`), 404, "resource_not_found");
  });
});

describe("GET /api/apps/{appId}/registered-clients", () => {
  const listPath = () => `/api/apps/${appId}/registered-clients`;

  /** RFC 7591 as a partner's client does it, through the portal's gateway to the bank. */
  async function register(softwareStatement: string, metadata: Record<string, unknown>) {
    const response = await fetch(`${portalUrl}/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ software_statement: softwareStatement, redirect_uris: ["https://tpp.example/cb"], ...metadata }),
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(201);
    return body as { client_id: string };
  }

  it("lists none before any registration", async () => {
    const { status, body } = await owner.json("GET", listPath());
    expect(status).toBe(200);
    expect(body).toEqual({ data: [] });
  });

  it("lists the clients registered with the app's statement, newest first, with their profile and method", async () => {
    const jwks = { keys: [ecJwk("dcr-list")] };
    expect(
      (await owner.json("PUT", settingsPath(), { profile: "fapi2", token_endpoint_auth_method: "private_key_jwt", jwks })).status,
    ).toBe(200);
    const statement = (await owner.json("POST", `/api/apps/${appId}/software-statement`)).body.software_statement as string;
    const basic = await register(statement, { token_endpoint_auth_method: "private_key_jwt" });
    const fapi = await register(statement, {
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES256",
      dpop_bound_access_tokens: true,
      require_pushed_authorization_requests: true,
    });

    const { status, body } = await owner.json("GET", listPath());
    expect(status, JSON.stringify(body)).toBe(200);
    published.assertResponse({
      method: "GET",
      path: "/api/apps/{appId}/registered-clients",
      status: 200,
      contentType: "application/json",
      body,
    });
    expect(body.data).toEqual([
      {
        client_id: fapi.client_id,
        client_name: "FAPI rehearsal",
        redirect_uris: ["https://tpp.example/cb"],
        token_endpoint_auth_method: "private_key_jwt",
        profile: "fapi2",
        created_at: expect.any(String),
      },
      expect.objectContaining({ client_id: basic.client_id, profile: "basic", token_endpoint_auth_method: "private_key_jwt" }),
    ]);
    expect(fapi.client_id).toMatch(/^dcr_/);
    expect(Date.parse(body.data[0].created_at)).toBeGreaterThan(Date.now() - 5 * 60_000);
    // The app's own client is not among them.
    const own = (await owner.json("GET", `/api/apps/${appId}/oauth-client`)).body.client_id;
    expect(body.data.map((client: { client_id: string }) => client.client_id)).not.toContain(own);
  });

  it("lists only the app's own: another app of the same team sees none", async () => {
    const other = await owner.json("POST", "/api/apps", { name: "Other app", team_id: teamId, redirect_uris: ["https://tpp.example/cb"] });
    expect(other.status).toBe(201);
    expect((await owner.json("GET", `/api/apps/${other.body.app.id}/registered-clients`)).body).toEqual({ data: [] });
  });

  it("is readable by a viewer, and 404 to another team", async () => {
    const own = await owner.json("GET", listPath());
    const { status, body } = await viewer.json("GET", listPath());
    expect(status).toBe(200);
    expect(body).toEqual(own.body);
    await expectProblem(await stranger.request("GET", listPath()), 404, "resource_not_found");
  });
});
