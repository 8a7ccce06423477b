#!/usr/bin/env node
// Sums what tests/support/standards-contract.ts recorded (one JSON line per response validated
// against an official standard's document): per document, the responses validated, and the
// operations and (operation, status) pairs they covered, against the document's own operation count.
//   node scripts/conformance-summary.mjs <log.jsonl>
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

const documents = {
  "uk-aisp": "uk-ob-account-info-4.0.yaml",
  "uk-pisp": "uk-ob-payment-initiation-4.0.yaml",
  "uk-vrp": "uk-ob-vrp-4.0.yaml",
  "uk-cbpii": "uk-ob-confirmation-funds-4.0.yaml",
  "berlin-group": "berlin-group-psd2-api-1.3.11.yaml",
};

export function conformanceSummary(file, standardsDir = path.resolve("../shared/standards")) {
  if (!existsSync(file)) return "conformance: no standard response was validated";
  const lines = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const rows = [];
  let total = 0;
  for (const [name, yamlFile] of Object.entries(documents)) {
    const mine = lines.filter((line) => line.standard === name);
    total += mine.length;
    let count = "?";
    const documentPath = path.join(standardsDir, yamlFile);
    if (existsSync(documentPath)) {
      const doc = parse(readFileSync(documentPath, "utf8"));
      count = Object.values(doc.paths).reduce(
        (sum, item) => sum + Object.keys(item).filter((m) => ["get", "post", "put", "patch", "delete"].includes(m)).length,
        0,
      );
    }
    const operations = new Set(mine.map((line) => line.operation));
    const pairs = new Set(mine.map((line) => `${line.operation} ${line.status}`));
    rows.push(
      `  ${name.padEnd(13)} ${String(mine.length).padStart(6)} responses · ${operations.size}/${count} operations · ${pairs.size} (operation, status) pairs`,
    );
  }
  return `conformance against the official documents: ${total} responses validated, 0 failed to validate (a failure fails its test)\n${rows.join("\n")}`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(conformanceSummary(process.argv[2] ?? "test-results/reports/conformance.jsonl"));
