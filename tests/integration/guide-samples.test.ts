import { execFile, execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadGuides } from "@/lib/guides/load-guides";
import { extractSamples, fillPlaceholders } from "@/lib/guides/samples";
import { PortalClient } from "../support/portal-client";

/**
 * The guides' samples are code people paste: this runs them. For every guide, a new developer
 * and app (their own sandbox, so one guide's reset cannot disturb another), then the guide's curl
 * samples in order in one shell (so `export`s carry over, as in the reader's terminal) and each
 * Node sample as its own module with the variables the shell exported (overridden by those its own
 * earlier steps printed as `export` lines, see printedExports). Python samples run where a
 * guide's set-up gives them what they need (the FAPI 2.0 guide and the two standards' guides), with the
 * system Python and its Debian packages (python3-requests, python3-jwt, python3-cryptography).
 */

const run = promisify(execFile);
const portalUrl = inject("portalUrl");
const guides = loadGuides();
// Node samples import `@openbank/sandbox-client`, as a reader's project would: written under the
// repository's node_modules, they resolve it (and openapi-fetch) from there, as linked by `npm ci`.
const cacheDir = path.resolve("node_modules/.cache");
mkdirSync(cacheDir, { recursive: true });
const workDir = mkdtempSync(path.join(cacheDir, "guide-samples-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

type Developer = { client: PortalClient; key: string; appId: string; prefix: string; env: Record<string, string> };
const developers = new Map<string, Developer>();

/** A FAPI 2.0 app with an ES256 key registered, its private half and a software statement in the environment. */
async function fapiSetup(client: PortalClient, appId: string): Promise<Record<string, string>> {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const kid = "guide-signing-key";
  const publicJwk = { ...publicKey.export({ format: "jwk" }), kid, alg: "ES256", use: "sig" };
  const settings = await client.json("PUT", `/api/apps/${appId}/oauth-client/settings`, {
    profile: "fapi2",
    token_endpoint_auth_method: "private_key_jwt",
    jwks: { keys: [publicJwk] },
  });
  if (settings.status !== 200) throw new Error(`FAPI settings: ${settings.status} ${JSON.stringify(settings.body)}`);
  const statement = await client.json("POST", `/api/apps/${appId}/software-statement`);
  if (statement.status !== 200) throw new Error(`software statement: ${statement.status} ${JSON.stringify(statement.body)}`);
  const oauth = await client.json("GET", `/api/apps/${appId}/oauth-client`);
  return {
    CLIENT_ID: oauth.body.client_id,
    CLIENT_PRIVATE_JWK: JSON.stringify({ ...privateKey.export({ format: "jwk" }), kid, alg: "ES256" }),
    SOFTWARE_STATEMENT: statement.body.software_statement,
    REDIRECT_URI: "http://localhost:8080/callback",
  };
}

/** The set-up a guide asks its reader to do in the dashboard before its samples, and the variables it exports. */
const guideSetup: Record<string, (client: PortalClient, appId: string) => Promise<Record<string, string>>> = {
  "openid-connect-fapi": fapiSetup,
  // UK Open Banking as the sandbox rehearses it: a FAPI 2.0 app (private_key_jwt, DPoP-bound tokens).
  "uk-open-banking": fapiSetup,
  // Berlin Group: the API key stands in for the TPP's certificate; nothing to set up.
  "berlin-group": async () => ({}),
};

/** The system Python with the samples' libraries, or why not. */
const SYSTEM_PYTHON = "/usr/bin/python3";
function pythonProblem(): string | null {
  try {
    execFileSync(SYSTEM_PYTHON, ["-c", "import jwt, requests, cryptography"], { stdio: "pipe" });
    return null;
  } catch {
    return `${SYSTEM_PYTHON} with requests, PyJWT and cryptography (apt install python3-requests python3-jwt python3-cryptography)`;
  }
}
const missingPython = pythonProblem();
if (missingPython && process.env.CI === "true") throw new Error(`The guides' Python samples need ${missingPython}.`);
if (missingPython) console.warn(`⚠ guide Python samples skipped: they need ${missingPython}`);

beforeAll(async () => {
  for (const guide of guides) {
    const { client } = await PortalClient.newDeveloper(portalUrl, `Reader of ${guide.title}`, { verified: true });
    const created = await client.createApp(`${guide.title} app`);
    const env = (await guideSetup[guide.slug]?.(client, created.app.id)) ?? {};
    developers.set(guide.slug, { client, key: created.secret, appId: created.app.id, prefix: created.key.prefix, env });
  }
}, 240_000);

const context = { baseUrl: portalUrl, appId: null, keyPrefix: null };

/** Variables a guide's shell samples export, e.g. FROM_ACCOUNT. */
const exportedNames = (code: string) => [...code.matchAll(/^export ([A-Z_]+)=/gm)].map((match) => match[1]);

/**
 * The `export NAME=value` lines a Node or Python sample prints for the next steps to read (as the
 * reader would paste them into their shell): each language's steps are a chain of their own, so a
 * later step reads what its own language's earlier step made, not what the curl samples made.
 */
const printedExports = (stdout: string) =>
  Object.fromEntries([...stdout.matchAll(/^export ([A-Z_]+)=([A-Za-z0-9_-]+)$/gm)].map((match) => [match[1], match[2]]));

describe.each(guides.map((guide) => [guide.slug, guide] as const))("guide %s", (slug, guide) => {
  const samples = extractSamples(guide.body);
  const curlSamples = samples.filter((sample) => sample.language === "curl");
  const nodeSamples = samples.filter((sample) => sample.language === "node");
  const pythonSamples = guideSetup[slug] ? samples.filter((sample) => sample.language === "python") : [];
  let exported: Record<string, string> = {};
  const printed: Record<"node" | "python", Record<string, string>> = { node: {}, python: {} };

  it.skipIf(curlSamples.length === 0)(
    "runs every curl sample in order in one shell: each call answers 2xx",
    async () => {
      const developer = developers.get(slug)!;
      const names = curlSamples.flatMap((sample) => exportedNames(sample.code));
      // --fail-with-body turns any 4xx/5xx into a failed command, and `set -e` stops the script there.
      const script = [
        "set -euo pipefail",
        ...curlSamples.map((sample) =>
          [
            // Steps that show an error on purpose may answer 4xx: they must still answer a problem.
            sample.expectError ? 'curl() { command curl -sS "$@"; }' : 'curl() { command curl -sS --fail-with-body "$@"; }',
            `echo "::: step ${sample.step}"`,
            fillPlaceholders(sample.code, context),
            "echo",
          ].join("\n"),
        ),
        'echo "::: env"',
        ...names.map((name) => `printf '%s=%s\\n' ${name} "\${${name}:-}"`),
      ].join("\n");
      const { stdout } = await run("bash", ["-c", script], {
        env: { ...process.env, ...developer.env, SANDBOX_KEY: developer.key },
        timeout: 60_000,
        maxBuffer: 10 * 1024 * 1024,
      });
      const env = stdout.slice(stdout.lastIndexOf("::: env"));
      exported = Object.fromEntries(names.map((name) => [name, new RegExp(`^${name}=(.*)$`, "m").exec(env)?.[1] ?? ""]));
      for (const name of names) expect(exported[name], `${name} from the ${slug} guide`).toMatch(/^[A-Za-z0-9_-]{8,}$/);
      expect(stdout).not.toContain(developer.key);
      for (const sample of curlSamples) expect(stdout).toContain(`::: step ${sample.step}`);
      for (const sample of curlSamples.filter((candidate) => candidate.expectError)) {
        const output = stdout.split(`::: step ${sample.step}`)[1].split(":::")[0];
        // A problem's code, or the standards' own error bodies: UK OBErrorResponse1, Berlin Group tppMessages.
        expect(output, `step ${sample.step} shows a problem`).toMatch(/"code":\s*"[a-z_]+"|"ErrorCode":\s*"[A-Z0-9]+"|"tppMessages":/);
      }
    },
    90_000,
  );

  it.each(nodeSamples.map((sample) => [sample.step, sample] as const))(
    "runs the Node sample of step %i",
    async (step, sample) => {
      const developer = developers.get(slug)!;
      const file = path.join(workDir, `${slug}-${step}.mjs`);
      writeFileSync(file, fillPlaceholders(sample.code, context));
      const result = await run(process.execPath, [file], {
        env: { ...process.env, ...exported, ...printed.node, ...developer.env, SANDBOX_KEY: developer.key },
        timeout: 30_000,
      });
      expect(result.stderr).toBe("");
      expect(result.stdout.length).toBeGreaterThan(0);
      Object.assign(printed.node, printedExports(result.stdout));
    },
    40_000,
  );

  it.skipIf(Boolean(missingPython)).each(pythonSamples.map((sample) => [sample.step, sample] as const))(
    "runs the Python sample of step %i",
    async (step, sample) => {
      const developer = developers.get(slug)!;
      const file = path.join(workDir, `${slug}-${step}.py`);
      writeFileSync(file, fillPlaceholders(sample.code, context));
      const result = await run(SYSTEM_PYTHON, [file], {
        env: { ...process.env, ...exported, ...printed.python, ...developer.env, SANDBOX_KEY: developer.key },
        timeout: 30_000,
      });
      expect(result.stderr).toBe("");
      expect(result.stdout.length).toBeGreaterThan(0);
      Object.assign(printed.python, printedExports(result.stdout));
    },
    40_000,
  );
});

describe("personalised samples", () => {
  it("show the signed-in developer's base URL, app id and key prefix, and never a secret", async () => {
    const developer = developers.get("quickstart")!;
    const response = await developer.client.request("GET", "/docs/guides/quickstart");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`${portalUrl}/v1/accounts?limit=3`);
    expect(html).toContain(developer.appId);
    expect(html).toContain(developer.prefix.split("…")[0]);
    expect(html).not.toContain(developer.key);
    expect(html).not.toContain("{{BASE_URL}}");
  });

  it("fill in only the base URL for a visitor", async () => {
    const html = await (await fetch(new URL("/docs/guides/quickstart", portalUrl))).text();
    expect(html).toContain(`${portalUrl}/v1/accounts?limit=3`);
    expect(html).toContain("Sign in");
    expect(html).not.toContain("{{");
  });
});
