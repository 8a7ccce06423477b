import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, expect, inject, it } from "vitest";
import { loadContract } from "../support/contract";
import { PortalClient, sandbox } from "../support/portal-client";
import { call, createResources, newDeveloperApp, warmUp } from "./support/sandbox-fixtures";
import { schemaArbitrary } from "./support/schema-arbitrary";
import { runSeed } from "./support/sizes";

/**
 * Tenant isolation matrix: every id-bearing operation of the published document (a `{…_id}`
 * path parameter, or a list filtered by an `…_id` query parameter) × every id app A owns ×
 * every credential that is not A's working key. Only 401 / 403 / 404 may come back (a filtered
 * list may answer 200 with nothing in it), never a byte of A's data, and A's resources are
 * unchanged afterwards.
 */

const portalUrl = inject("portalUrl");
const contract = await loadContract(portalUrl);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document as published
const document = contract.document as any;
type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; schema: Schema };
const seed = runSeed("tenant isolation");

const operations = Object.entries(document.paths as Record<string, Record<string, Schema>>)
  .flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => {
      const parameters = ((op.parameters as Schema[] | undefined) ?? []).map(
        (p) => (typeof p.$ref === "string" ? document.components.parameters[p.$ref.split("/").pop()!] : p) as Parameter,
      );
      const media = (op.requestBody as { content?: Record<string, { schema: Schema; example?: unknown }> } | undefined)?.content?.[
        "application/json"
      ];
      const example = media?.example ?? (media?.schema?.examples as unknown[] | undefined)?.[0];
      return { method: method.toUpperCase(), path, parameters, body: media?.schema, example };
    }),
  )
  // Products and funds are the bank's public catalogue (the same for every app), not tenant data.
  .filter((op) => !/\{(product_id|fund_id)\}/.test(op.path))
  // A decoupled sign-in exists only once a browser logs in on the bank's page (no API call makes one):
  // the other app's id → 404 is covered in mock-bank/test/authentication-scenarios.test.ts.
  .filter((op) => !op.path.includes("{authentication_id}"))
  .filter(
    // A snapshot is named by its id or its name: `{snapshot}`.
    (op) =>
      /\{(\w+_id|snapshot)\}/.test(op.path) ||
      (op.method === "GET" && op.parameters.some((p) => p.in === "query" && p.name.endsWith("_id"))),
  );

type Owner = Awaited<ReturnType<typeof newDeveloperApp>> & { resources: Awaited<ReturnType<typeof createResources>> };
let owner: Owner;
let credentials: { kind: string; authorization: string | null }[] = [];
let revokedKey = "";
const ownerSecrets: string[] = [];

beforeAll(async () => {
  const a = await newDeveloperApp(portalUrl, "Alice Owner");
  owner = { ...a, resources: await createResources(portalUrl, a.key) };
  // Another app of the same team (a developer's apps are separate sandboxes too), with a full and a read-only key.
  const sibling = await a.client.createApp("Alice's second app");
  const readOnly = await a.client.json("POST", `/api/apps/${sibling.app.id}/keys`, { name: "read only", scope: "read_only" });
  expect(readOnly.status).toBe(201);
  // Another team's app, and a consent token of that app.
  const b = await newDeveloperApp(portalUrl, "Bob Other");
  await warmUp(portalUrl, b.key);
  const minted = await call(portalUrl, b.key, "POST", "/v1/sandbox/consents", {
    persona: "good_credit",
    permissions: ["accounts:read", "transactions:read", "payments:write"],
  });
  expect(minted.status).toBe(201);
  // A's own second key, revoked.
  const second = await a.client.json("POST", `/api/apps/${a.appId}/keys`, { name: "to revoke" });
  revokedKey = second.body.secret;
  expect((await a.client.request("DELETE", `/api/apps/${a.appId}/keys/${second.body.key.id}`)).status).toBeLessThan(300);
  ownerSecrets.push(a.key, minted.body.access_token);

  credentials = [
    { kind: "other app's full key (same team)", authorization: `Bearer ${sibling.secret}` },
    { kind: "other app's read-only key (same team)", authorization: `Bearer ${readOnly.body.secret}` },
    { kind: "another team's key", authorization: `Bearer ${b.key}` },
    { kind: "another app's consent token", authorization: `Bearer ${minted.body.access_token}` },
    { kind: "no credential", authorization: null },
    { kind: "malformed credential", authorization: "Bearer sk_sandbox_notarealkey" },
    { kind: "revoked key (own app)", authorization: `Bearer ${revokedKey}` },
  ];
});

function requestsFor(op: (typeof operations)[number], ids: Record<string, string[]>, index: number) {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const combos: { path: string; query: string; usedId: string }[] = [];
  if (pathParams.length > 0) {
    const p = pathParams[0];
    for (const id of ids[p.name] ?? []) combos.push({ path: op.path.replace(`{${p.name}}`, id), query: "", usedId: id });
  } else {
    for (const p of op.parameters.filter((q) => q.in === "query" && q.name.endsWith("_id"))) {
      const kind = p.name.endsWith("account_id") ? "account_id" : p.name;
      for (const id of ids[kind] ?? []) combos.push({ path: op.path, query: `${p.name}=${encodeURIComponent(id)}`, usedId: id });
    }
  }
  // A valid body (the document's example, else one generated from the schema) that points at A's resources wherever it names an id.
  let body: unknown;
  if (op.body) {
    const [generated] =
      op.example === undefined ? fc.sample(schemaArbitrary(document, op.body), { seed: seed + index, numRuns: 1 }) : [op.example];
    body = pointAt(generated, ids);
  }
  return combos.map((combo) => ({ ...combo, body }));
}

function pointAt(value: unknown, ids: Record<string, string[]>): unknown {
  if (Array.isArray(value)) return value.map((v) => pointAt(v, ids));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, child]) => {
      const kind = name.endsWith("account_id") ? "account_id" : name;
      // Money amounts have minimums the schema's pattern does not state (e.g. repayments ≥ 1.00).
      if (name === "amount" && typeof child === "string") return [name, "10.00"];
      return [name, ids[kind]?.length && typeof child === "string" ? ids[kind][0] : pointAt(child, ids)];
    }),
  );
}

async function runMatrix(cells: { kind: string; authorization: string | null }[], label: string) {
  const ids = owner.resources.ids;
  const allOwnerIds = Object.values(ids).flat();
  const failures: string[] = [];
  const statuses = new Map<string, number>();
  let size = 0;
  for (const [index, op] of operations.entries()) {
    for (const request of requestsFor(op, ids, index)) {
      for (const credential of cells) {
        const headers: Record<string, string> = {};
        if (credential.authorization) headers.authorization = credential.authorization;
        if (request.body !== undefined) headers["content-type"] = "application/json";
        if (op.method === "POST") headers["idempotency-key"] = randomUUID();
        const url = `${request.path}${request.query ? `?${request.query}` : ""}`;
        const response = await sandbox(portalUrl, null, url, {
          method: op.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        });
        const text = await response.text();
        size += 1;
        statuses.set(String(response.status), (statuses.get(String(response.status)) ?? 0) + 1);
        const where = `${op.method} ${url} as ${credential.kind}`;
        const parsed = text && /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : text || undefined;
        const emptyList = response.status === 200 && request.query !== "" && Array.isArray(parsed?.data) && parsed.data.length === 0;
        if (![401, 403, 404].includes(response.status) && !emptyList) failures.push(`${where}: ${response.status} ${text.slice(0, 300)}`);
        // Nothing of A's comes back: none of its other ids, none of its fixture data, none of its secrets.
        const leaked = [...allOwnerIds.filter((id) => id !== request.usedId), "ada@example.com", ...ownerSecrets].filter((needle) =>
          text.includes(needle),
        );
        if (leaked.length > 0) failures.push(`${where}: response contains A's ${leaked.join(", ")}`);
        const valid = contract.validator.validateResponse({
          method: op.method,
          path: op.path,
          status: response.status,
          contentType: response.headers.get("content-type"),
          body: parsed,
        });
        if (!valid.valid) failures.push(`${where}: not as documented: ${valid.errors.join("; ")}`);
      }
    }
  }
  const summary = [...statuses].map(([s, n]) => `${s}×${n}`).join(" ");
  console.log(
    `[reliability] tenant isolation (${label}): ${operations.length} id-bearing operations, ${cells.length} credential kinds, ${size} requests; statuses ${summary}; failures ${failures.length}`,
  );
  expect(failures.slice(0, 25), `${failures.length} failures`).toEqual([]);
  return size;
}

it("derives the id-bearing operations from the document", () => {
  expect(operations.length).toBeGreaterThanOrEqual(20);
  const pathIds = [...new Set(operations.flatMap((op) => [...op.path.matchAll(/\{(\w+_id)\}/g)].map((match) => match[1])))];
  expect(pathIds.length).toBeGreaterThanOrEqual(10);
  expect(
    pathIds.filter((name) => (owner.resources.ids[name]?.length ?? 0) === 0),
    "path ids without a fixture id",
  ).toEqual([]);
});

it("refuses A's ids to every other credential, and A's resources are untouched", async () => {
  await runMatrix(credentials, "other credentials");
  const consent = await call(portalUrl, owner.key, "GET", `/v1/consents/${owner.resources.ids.consent_id[0]}`);
  expect(consent.body.status).toBe("authorised");
  const policy = await call(portalUrl, owner.key, "GET", `/v1/insurance/policies/${owner.resources.ids.policy_id[0]}`);
  expect(policy.body.status).not.toBe("cancelled");
  const offer = await call(portalUrl, owner.key, "GET", `/v1/loans/applications/${owner.resources.ids.application_id[0]}`);
  expect(offer.status).toBe(200);
  expect(
    JSON.stringify(
      offer.body.offers
        .filter((o: { id: string }) => owner.resources.ids.offer_id.includes(o.id))
        .map((o: { status?: string }) => o.status ?? null),
    ),
  ).not.toContain("accepted");
});

it("refuses A's own key while A is suspended", async () => {
  const admin = new PortalClient(portalUrl);
  await admin.signIn("admin@example.com", "Programme-Review-2026");
  expect((await admin.request("POST", `/api/admin/apps/${owner.appId}/suspend`, { reason: "Isolation matrix" })).status).toBeLessThan(300);
  try {
    await runMatrix([{ kind: "suspended app's key", authorization: `Bearer ${owner.key}` }], "suspended app");
  } finally {
    await admin.request("POST", `/api/admin/apps/${owner.appId}/reinstate`);
  }
});
