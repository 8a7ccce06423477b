import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CLI_TARBALL_PATH, SAMPLE_APP_PATH, SDK_TARBALL_PATH } from "@/lib/guides/downloads";
import { loadGuides } from "@/lib/guides/load-guides";
import { extractSamples, fillPlaceholders } from "@/lib/guides/samples";
import { BankBrowser } from "../support/bank-browser";
import { freePorts } from "../support/free-ports";
import { PortalClient } from "../support/portal-client";

/**
 * The guides' samples are code people paste: this runs them as a partner who has only the portal
 * would. In an empty folder outside the repository, the typed client is installed exactly as the
 * Quickstart says (`npm install <portal>/sdk/openbank-sandbox-client-<version>.tgz`, served by the
 * running portal), with the packages the guides name for their other imports. For every guide, a
 * new developer and app (their own sandbox, so one guide's reset cannot disturb another), then the
 * guide's curl samples in order in one shell (so `export`s carry over, as in the reader's terminal)
 * and each Node sample as its own module in that folder with the variables the shell exported
 * (overridden by those its own earlier steps printed as `export` lines, see printedExports). Each
 * Python sample runs as its own script the same way, with the system Python and its Debian
 * packages (python3-requests, python3-jwt, python3-cryptography). Last, the consent flow's sample
 * app is downloaded, installed and started as its guide says, and a customer goes through it.
 * The terminal samples (```shell, the CLI guide's) run with the CLI installed as that guide says
 * (`npm install -g <portal>/downloads/openbank-cli-<version>.tgz`, into the temp folder), signed in with a personal access token the reader keeps in
 * $OPENBANK_PAT; those that run until stopped (`listen`, `logs tail`) are started, their first
 * lines read, and stopped with Ctrl-C's signal.
 */

const run = promisify(execFile);
const portalUrl = inject("portalUrl");
const guides = loadGuides();
// The reader's project: an empty folder outside the repository, so nothing resolves from the
// repository's node_modules; only what the guides told the reader to install is there.
const workDir = mkdtempSync(path.join(tmpdir(), "guide-samples-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A terminal's environment: none of the npm_* variables an `npm test` run would pass down. */
const terminalEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))) as NodeJS.ProcessEnv;

/** The guide's fenced shell blocks outside `<Samples>` (set-up the reader types) that contain `what`. */
const setUpBlocks = (body: string, what: string) =>
  [...body.replace(/<Samples[\s\S]*?<\/Samples>/g, "").matchAll(/^```bash\n([\s\S]*?)^```\s*$/gm)]
    .map((match) => match[1])
    .filter((code) => code.includes(what));

/** Packages the run Node samples import besides the typed client and Node's own modules. */
const nodeImports = (code: string) =>
  [...code.matchAll(/^import [^;]*? from "([^"]+)";/gm)]
    .map((match) => match[1])
    .filter((name) => !name.startsWith("node:") && name !== "@openbank/sandbox-client");

/**
 * The CLI as the CLI guide installs it: `npm install -g <portal>/downloads/openbank-cli-<version>.tgz`
 * (the tarball the running portal serves), with npm's global prefix in the reader's temp folder so
 * the machine's own global packages are left alone; its `bin` goes first on the reader's PATH. The
 * terminal's environment has none of the CLI's own variables: what the guide sets is all it gets.
 */
const cliPrefix = path.join(workDir, "cli-global");
const cliEnv = (configDir: string): NodeJS.ProcessEnv =>
  ({
    ...Object.fromEntries(Object.entries(terminalEnv()).filter(([name]) => !/^OPENBANK_/.test(name))),
    PATH: `${path.join(cliPrefix, "bin")}:${process.env.PATH}`,
    OPENBANK_CONFIG_DIR: configDir,
  }) as unknown as NodeJS.ProcessEnv;

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
  // The Quickstart's install block, exactly as the page shows it for this portal.
  const quickstart = guides.find((guide) => guide.slug === "quickstart")!;
  const [install] = setUpBlocks(quickstart.body, "npm install {{SDK_URL}}");
  const script = fillPlaceholders(install, { baseUrl: portalUrl, appId: null, keyPrefix: null });
  await run("bash", ["-euo", "pipefail", "-c", script], { cwd: workDir, env: terminalEnv(), timeout: 180_000 });
  // The CLI guide's install block, the same way: the CLI tarball as this portal serves it.
  const cliGuide = guides.find((guide) => guide.slug === "cli")!;
  const [cliInstall] = setUpBlocks(cliGuide.body, "npm install -g {{CLI_URL}}");
  await run("bash", ["-euo", "pipefail", "-c", fillPlaceholders(cliInstall, { baseUrl: portalUrl, appId: null, keyPrefix: null })], {
    cwd: workDir,
    env: { ...terminalEnv(), npm_config_prefix: cliPrefix, npm_config_audit: "false", npm_config_fund: "false" },
    timeout: 180_000,
  });
  // The other packages the guides' Node samples import, as each guide names them (`npm install openid-client@5 jose`).
  const named = guides.flatMap((guide) =>
    [...guide.body.matchAll(/npm install ([^`\n{]+)/g)].flatMap((match) => match[1].trim().split(/\s+/)),
  );
  const imported = [
    ...new Set(
      guides.flatMap((guide) =>
        extractSamples(guide.body)
          .filter((sample) => sample.language === "node")
          .flatMap((sample) => nodeImports(sample.code)),
      ),
    ),
  ];
  const specs = imported.map((name) => {
    const spec = named.find((candidate) => candidate === name || candidate.startsWith(`${name}@`));
    if (!spec) throw new Error(`A Node sample imports ${name}, which no guide tells the reader to install.`);
    return spec;
  });
  if (specs.length > 0)
    await run("npm", ["install", "--no-audit", "--no-fund", ...specs], { cwd: workDir, env: terminalEnv(), timeout: 180_000 });
}, 400_000);

beforeAll(async () => {
  for (const guide of guides) {
    const { client } = await PortalClient.newDeveloper(portalUrl, `Reader of ${guide.title}`, { verified: true });
    const created = await client.createApp(`${guide.title} app`);
    const env = (await guideSetup[guide.slug]?.(client, created.app.id)) ?? {};
    // A guide with terminal samples: the personal access token its reader made on the Tokens page.
    if (extractSamples(guide.body).some((sample) => sample.language === "cli")) {
      const token = await client.json("POST", "/api/account/tokens", { name: "Guide reader's CLI", scope: "write", expires_in_days: 7 });
      if (token.status !== 201) throw new Error(`token: ${token.status} ${JSON.stringify(token.body)}`);
      env.OPENBANK_PAT = token.body.secret;
    }
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
  const pythonSamples = samples.filter((sample) => sample.language === "python");
  const cliSteps = [...new Set(samples.filter((sample) => sample.language === "cli").map((sample) => sample.step))].map((step) =>
    samples.find((sample) => sample.language === "cli" && sample.step === step)!,
  );
  // The reader's terminal for the CLI: its own config folder, and what earlier steps exported.
  const cliConfig = path.join(workDir, `${slug}-openbank-config`);
  const cliExported: Record<string, string> = {};
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
        cwd: workDir,
        env: { ...terminalEnv(), ...exported, ...printed.node, ...developer.env, SANDBOX_KEY: developer.key },
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
        cwd: workDir,
        env: { ...terminalEnv(), ...exported, ...printed.python, ...developer.env, SANDBOX_KEY: developer.key },
        timeout: 30_000,
      });
      expect(result.stderr).toBe("");
      expect(result.stdout.length).toBeGreaterThan(0);
      Object.assign(printed.python, printedExports(result.stdout));
    },
    40_000,
  );

  it.each(cliSteps.map((sample) => [sample.step, sample] as const))(
    "runs the terminal (openbank CLI) sample of step %i",
    async (step, sample) => {
      const developer = developers.get(slug)!;
      const env = { ...cliEnv(cliConfig), ...cliExported, ...developer.env, SANDBOX_KEY: developer.key };
      const code = fillPlaceholders(sample.code, context);
      if (sample.untilStopped) {
        const output = await runUntilFirstLines(code, env, developer);
        expect(output, `step ${step} printed its first lines`).toMatch(/\S/);
        if (/openbank listen\b/.test(code)) expect(output, "listen prints its signing secret on start").toMatch(/whsec_[A-Za-z0-9+/=]+/);
        expect(output).not.toContain(developer.key);
        return;
      }
      const names = exportedNames(code);
      const script = [
        "set -euo pipefail",
        code,
        'echo "::: env"',
        ...names.map((name) => `printf '%s=%s\\n' ${name} "\${${name}:-}"`),
      ].join("\n");
      const result = await run("bash", ["-c", script], { env, timeout: 60_000, maxBuffer: 10 * 1024 * 1024 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({
          code: error.code ?? 1,
          stdout: error.stdout ?? "",
          stderr: error.stderr ?? "",
        }),
      );
      const output = `${result.stdout}\n${result.stderr}`;
      expect(output).not.toContain(developer.key);
      expect(output).not.toContain(developer.env.OPENBANK_PAT);
      if (sample.expectError) {
        // Refused on purpose: a non-zero exit that says why (the refused override's path, a problem's title).
        expect(result.code, output).not.toBe(0);
        const named = /--override ([\w.[\]]+)=/.exec(code)?.[1];
        if (named) expect(output).toContain(named);
        return;
      }
      expect(result.code, output).toBe(0);
      const env_ = result.stdout.slice(result.stdout.lastIndexOf("::: env"));
      for (const name of names) {
        cliExported[name] = new RegExp(`^${name}=(.*)$`, "m").exec(env_)?.[1] ?? "";
        expect(cliExported[name], `${name} from step ${step}`).toMatch(/^[A-Za-z0-9_:/.-]{3,}$/);
      }
    },
    90_000,
  );
});

/**
 * A sample that runs until the reader stops it (`openbank listen`, `openbank logs tail`): started
 * in its own process group, given something to show (a failing sandbox call for the request log,
 * a fired event for listen) until it prints, then stopped as Ctrl-C stops it. Its output so far.
 */
async function runUntilFirstLines(code: string, env: NodeJS.ProcessEnv, developer: Developer): Promise<string> {
  const child = spawn("bash", ["-c", code], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  let exited: number | null = null;
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<void>((resolve) => child.on("exit", (status) => ((exited = status ?? 1), resolve())));
  const nudge = async () => {
    const headers = { authorization: `Bearer ${developer.key}`, "content-type": "application/json" };
    await fetch(new URL("/v1/accounts/acc_missing", portalUrl), { headers }).catch(() => undefined);
    await fetch(new URL("/v1/sandbox/webhooks/fire", portalUrl), { method: "POST", headers, body: '{"type":"payment.completed"}' }).catch(
      () => undefined,
    );
  };
  try {
    // Up to a minute for its first complete line (a busy machine); nudged every two seconds.
    for (let waited = 0; waited < 60_000 && exited === null && !/\S.*\n/.test(output); waited += 2_000) {
      await nudge();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    expect(exited, `it should keep running until stopped, but exited with ${exited}:\n${output}`).toBeNull();
    return output;
  } finally {
    if (exited === null && child.pid) process.kill(-child.pid, "SIGINT");
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (exited === null && child.pid) process.kill(-child.pid, "SIGKILL");
  }
}

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

describe("the consent flow guide", () => {
  it("is a guide: /docs/consent-flow moved under /docs/guides, listed under Guides in the sidebar, filled in with the app's client id", async () => {
    const moved = await fetch(new URL("/docs/consent-flow", portalUrl), { redirect: "manual" });
    expect(moved.status).toBe(308);
    expect(new URL(moved.headers.get("location")!, portalUrl).pathname).toBe("/docs/guides/consent-flow");

    const developer = developers.get("consent-flow")!;
    const { body: oauth } = await developer.client.json("GET", `/api/apps/${developer.appId}/oauth-client`);
    const html = await (await developer.client.request("GET", "/docs/guides/consent-flow")).text();
    expect(html).toContain(`client_id=${oauth.client_id}`);
    expect(html).toContain(`CLIENT_ID=${oauth.client_id}`);
    expect(html).toContain(developer.prefix.split("…")[0]);
    expect(html).not.toContain(developer.key);
    expect(html).not.toContain("cli_…");
    expect(html).not.toContain("{{");
    // Breadcrumb: Docs › Guides › the guide; the sidebar's Guides list links it, its Reference list does not.
    expect(html).toMatch(/href="\/docs\/guides"[^>]*>Guides</);
    const [guidesNav, referenceNav] = ["Guides", "Reference"].map(
      (title) => new RegExp(`id="docs-nav-${title.toLowerCase()}"[\\s\\S]*?</ul>`).exec(html)?.[0] ?? "",
    );
    expect(guidesNav).toContain('href="/docs/guides/consent-flow"');
    expect(referenceNav).not.toContain("consent-flow");
  });
});

describe("the downloads a partner installs from the portal", () => {
  it("the Quickstart and every guide's Node tab show the install command for this portal's typed client", async () => {
    const command = `npm install ${portalUrl}${SDK_TARBALL_PATH}`;
    for (const slug of ["quickstart", "payments", "consent-flow"]) {
      const html = await (await fetch(new URL(`/docs/guides/${slug}`, portalUrl))).text();
      expect(html, slug).toContain(command);
    }
    const installed = JSON.parse(readFileSync(path.join(workDir, "node_modules/@openbank/sandbox-client/package.json"), "utf8"));
    expect(SDK_TARBALL_PATH).toBe(`/sdk/openbank-sandbox-client-${installed.version}.tgz`);
    // Plain JavaScript with its one registry dependency, and the document its types came from.
    expect(Object.keys(installed.dependencies)).toEqual(["openapi-fetch"]);
    const document = JSON.parse(readFileSync(path.join(workDir, "node_modules/@openbank/sandbox-client/openapi.json"), "utf8"));
    expect(document.paths["/v1/accounts"]).toBeDefined();
  });

  it("the CLI guide installs this portal's CLI tarball, which runs as installed: its bin, its compiled code and registry dependencies only", async () => {
    const html = await (await fetch(new URL("/docs/guides/cli", portalUrl))).text();
    expect(html).toContain(`npm install -g ${portalUrl}${CLI_TARBALL_PATH}`);
    const installed = path.join(cliPrefix, "lib/node_modules/@openbank/cli");
    const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
    expect(CLI_TARBALL_PATH).toBe(`/downloads/openbank-cli-${manifest.version}.tgz`);
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith("@openbank/"))).toEqual([]);
    const { stdout } = await run("openbank", ["--version"], { cwd: workDir, env: cliEnv(path.join(workDir, "cli-version-config")) });
    expect(stdout.trim()).toBe(manifest.version);
    // Not the repository's copy: the one npm unpacked in the reader's folder.
    const { stdout: which } = await run("bash", ["-c", "command -v openbank"], { env: cliEnv(workDir) });
    expect(which.trim()).toBe(path.join(cliPrefix, "bin/openbank"));
  });

  describe("the consent flow's sample app, downloaded and started as the guide says", () => {
    let app: ChildProcess | undefined;
    const appDir = mkdtempSync(path.join(tmpdir(), "sample-app-"));
    afterAll(() => {
      if (app?.pid && app.exitCode === null) process.kill(-app.pid, "SIGTERM");
      rmSync(appDir, { recursive: true, force: true });
    });

    it("installs, starts and takes a customer through the bank's consent to their chosen accounts", async () => {
      const developer = developers.get("consent-flow")!;
      const { portal: port } = await freePorts();
      const sampleUrl = `http://127.0.0.1:${port}`;
      const { body: oauth } = await developer.client.json("GET", `/api/apps/${developer.appId}/oauth-client`);
      const secret = await developer.client.json("POST", `/api/apps/${developer.appId}/oauth-client/secret`);
      expect(secret.status).toBe(201);
      const redirect = await developer.client.json("PUT", `/api/apps/${developer.appId}/redirect-uris`, {
        redirect_uris: [`http://localhost:${port}/callback`],
      });
      expect(redirect.status).toBe(200);

      // The guide's block: fetch the archive from the portal, unpack, npm install, npm start.
      const guide = guides.find((candidate) => candidate.slug === "consent-flow")!;
      const [block] = setUpBlocks(guide.body, "{{SAMPLE_APP_URL}}");
      expect(block).toMatch(/npm start/);
      const script = fillPlaceholders(block, { baseUrl: portalUrl, appId: developer.appId, keyPrefix: null, clientId: oauth.client_id });
      expect(script).toContain(`${portalUrl}${SAMPLE_APP_PATH}`);
      app = spawn("bash", ["-euo", "pipefail", "-c", script], {
        cwd: appDir,
        env: { ...terminalEnv(), CLIENT_SECRET: secret.body.client_secret, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true, // its own process group: bash, npm and node stop together
      });
      let output = "";
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the sample app did not start:\n${output}`)), 120_000);
        const listen = (chunk: Buffer) => {
          output += chunk.toString();
          if (!output.includes("Budget Buddy (sample) on")) return;
          clearTimeout(timer);
          resolve();
        };
        app!.stdout!.on("data", listen);
        app!.stderr!.on("data", listen);
        app!.on("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`the sample app exited with ${code}:\n${output}`));
        });
      });
      const unpacked = JSON.parse(readFileSync(path.join(appDir, "oauth-sample-app/package.json"), "utf8"));
      expect(unpacked.scripts.start).toBe("node server.mjs");
      expect(readFileSync(path.join(appDir, "oauth-sample-app/README.md"), "utf8")).toContain("npm start");

      // The customer: Connect → the bank's login and consent pages → back to the app with a code.
      const connect = await fetch(`${sampleUrl}/connect`, { redirect: "manual" });
      expect(connect.status).toBe(302);
      const authorize = new URL(connect.headers.get("location")!);
      expect(authorize.origin + authorize.pathname).toBe(`${portalUrl}/oauth/authorize`);
      expect(authorize.searchParams.get("client_id")).toBe(oauth.client_id);
      const browserCookie = connect.headers.getSetCookie()[0].split(";")[0];
      const walk = await new BankBrowser(portalUrl).authorize(authorize.toString(), { choose: (ids) => ids.slice(0, 2) });
      expect(walk.code).toBeTruthy();
      expect(walk.chosen).toHaveLength(2);
      const callback = new URL(walk.location!);
      expect(callback.host).toBe(`localhost:${port}`);

      // The app checks state and iss, exchanges the code with its secret and lists the shared accounts.
      const back = await fetch(`${sampleUrl}${callback.pathname}${callback.search}`, {
        redirect: "manual",
        headers: { cookie: browserCookie },
      });
      expect(back.status).toBe(303);
      const session = back.headers.getSetCookie()[0].split(";")[0];
      const accounts = await fetch(`${sampleUrl}/accounts`, { headers: { cookie: session } });
      const html = await accounts.text();
      expect(accounts.status).toBe(200);
      expect([...html.matchAll(/data-account-id="([^"]+)"/g)].map((match) => match[1]).sort()).toEqual([...walk.chosen].sort());
      expect(html).toMatch(/data-testid="consent-id">cns_/);
    }, 240_000);
  });
});
