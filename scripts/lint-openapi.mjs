#!/usr/bin/env node
// Lints the published OpenAPI documents with Spectral and the OWASP API Security ruleset
// (.spectral.yaml; the portal's own API adds .spectral-portal.yaml, the standards' documents .spectral-standards.yaml). Each document is exported by its own script, without starting a server or
// touching a database, then linted; any error fails the run (exit 1). `npm run lint:openapi`.
//
//   node scripts/lint-openapi.mjs            errors in full, warnings counted per rule
//   node scripts/lint-openapi.mjs --verbose  every warning too
//   node scripts/lint-openapi.mjs --keep     keep the exported documents (their paths are printed)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

/**
 * The origin the documents are linted with. Their `servers` (and OAuth URLs) are the deployment's
 * PORTAL_URL; a deployment serves them over https, which owasp:api8:2023-no-server-http checks. A
 * development portal on http://localhost serves the same document with its own origin.
 */
const DEPLOYED_ORIGIN = "https://sandbox.openbank.example";

/**
 * The documents to lint. `command` writes the document to the file passed after `--out`; add a
 * document by adding an entry.
 */
const documents = [
  {
    name: "sandbox API (mock bank, served at /openapi.json)",
    file: "sandbox-api.json",
    command: ["node_modules/.bin/tsx", "mock-bank/src/openapi-export.ts"],
    ruleset: ".spectral.yaml",
  },
  {
    name: "UK Open Banking 4.0 (served at /openapi/uk-open-banking.json)",
    file: "uk-open-banking.json",
    command: ["node_modules/.bin/tsx", "mock-bank/src/openapi-export.ts", "--standard", "uk-open-banking"],
    ruleset: ".spectral-standards.yaml",
  },
  {
    name: "Berlin Group NextGenPSD2 1.3.11 (served at /openapi/berlin-group.json)",
    file: "berlin-group.json",
    command: ["node_modules/.bin/tsx", "mock-bank/src/openapi-export.ts", "--standard", "berlin-group"],
    ruleset: ".spectral-standards.yaml",
  },
  {
    name: "portal API (/api/*, served at /api/openapi.json)",
    file: "portal-api.json",
    command: ["node_modules/.bin/tsx", "scripts/portal-openapi-export.ts"],
    ruleset: ".spectral-portal.yaml",
  },
];

const { values } = parseArgs({ options: { verbose: { type: "boolean", default: false }, keep: { type: "boolean", default: false } } });
const SEVERITIES = ["error", "warning", "info", "hint"];
const dir = mkdtempSync(path.join(tmpdir(), "lint-openapi-"));
let failed = false;

try {
  for (const document of documents) {
    const file = path.join(dir, document.file);
    const [program, ...args] = document.command;
    try {
      execFileSync(program, [...args, "--out", file], {
        env: { ...process.env, PORTAL_URL: DEPLOYED_ORIGIN },
        stdio: ["ignore", "ignore", "pipe"],
      });
    } catch (error) {
      console.error(`Exporting the ${document.name} failed:\n${error.stderr ?? error.message}`);
      process.exitCode = 1;
      break;
    }

    const report = path.join(dir, `${document.file}.lint.json`);
    try {
      execFileSync(
        "node_modules/.bin/spectral",
        ["lint", file, "--ruleset", document.ruleset, "--format", "json", "--output", report, "--quiet"],
        { stdio: ["ignore", "ignore", "inherit"] },
      );
    } catch (error) {
      // Spectral exits 1 when it finds errors; the report says which. Anything else is a crash.
      if (error.status !== 1) throw error;
    }
    const results = JSON.parse(readFileSync(report, "utf8"));
    const counts = SEVERITIES.map((_, severity) => results.filter((result) => result.severity === severity).length);
    console.log(`\n${document.name}: ${counts[0]} errors, ${counts[1]} warnings${values.keep ? ` (${file})` : ""}`);

    for (const result of results.filter((r) => r.severity === 0 || (values.verbose && r.severity === 1))) {
      console.log(`  ${SEVERITIES[result.severity]} ${result.code} at ${result.path.join(".") || "(root)"}: ${result.message}`);
    }
    const byRule = new Map();
    for (const result of results.filter((r) => r.severity > 0))
      byRule.set(`${SEVERITIES[result.severity]} ${result.code}`, (byRule.get(`${SEVERITIES[result.severity]} ${result.code}`) ?? 0) + 1);
    for (const [rule, count] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(4)} × ${rule}`);
    if (counts[0] > 0) failed = true;
  }
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

if (failed) {
  console.error("\nOpenAPI lint failed: fix the errors above in the schemas the documents are generated from (see .spectral.yaml).");
  process.exit(1);
}
