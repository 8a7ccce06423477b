import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildApp } from "./app";
import { parseBankEnv } from "./env";
import { loadEnvFiles } from "./load-env-files";

/**
 * Prints the OpenAPI document (or writes it with `--out file`) without starting a server
 * or touching the database: `npm run openapi -- --out docs/openapi.json`.
 */
async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  loadEnvFiles();
  // The document does not depend on the secret; do not demand one just to print it.
  const env = parseBankEnv({ ...process.env, BANK_INTERNAL_SECRET: process.env.BANK_INTERNAL_SECRET || "x".repeat(32) });
  const app = await buildApp({ env, logger: false, db: {} as never });
  await app.ready();
  const json = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  if (values.out) {
    writeFileSync(values.out, json);
    console.error(`wrote ${values.out}`);
  } else {
    process.stdout.write(json);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
