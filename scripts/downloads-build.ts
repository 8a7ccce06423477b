import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildOpenApiDocument } from "../mock-bank/src/openapi-document";
import {
  CLI_PACKAGE_DIR,
  cliTarballName,
  DOWNLOADS_DIR,
  SAMPLE_APP_ARCHIVE,
  SDK_PACKAGE_DIR,
  sdkTarballName,
} from "../lib/guides/downloads";

/**
 * What a partner downloads from the portal, built from the repository before `next build` (so CI
 * builds it) into public/, which the portal serves as static files:
 * - `sdk/openbank-sandbox-client-<version>.tgz`: `npm pack` of packages/sandbox-client with the
 *   OpenAPI document its types were generated from (`openapi.json`, the same call as
 *   `npm run client:generate`), so a partner can `npm install <portal>/sdk/…tgz`;
 * - `downloads/oauth-sample-app.tar.gz`: the consent-flow sample app with its package.json and README;
 * - `downloads/openbank-cli-<version>.tgz`: `npm pack` of packages/cli as `npm run cli:build` left it
 *   (its `bin`, `dist` and the registry dependencies its package.json declares), so a partner can
 *   `npm install -g <portal>/downloads/…tgz`. `npm run build` and `npm run dev` compile it first.
 */
async function main() {
  const staging = mkdtempSync(path.join(tmpdir(), "openbank-downloads-"));
  try {
    for (const folder of ["sdk", "downloads"]) {
      rmSync(path.join(DOWNLOADS_DIR, folder), { recursive: true, force: true });
      mkdirSync(path.join(DOWNLOADS_DIR, folder), { recursive: true });
    }

    // The typed client: a staging copy with the document, packed as npm would publish it.
    const sdk = path.join(staging, "sandbox-client");
    cpSync(SDK_PACKAGE_DIR, sdk, { recursive: true, filter: (source) => !/\.test\.ts$|type-tests\.ts$|node_modules/.test(source) });
    writeFileSync(path.join(sdk, "openapi.json"), `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`);
    const manifest = JSON.parse(readFileSync(path.join(sdk, "package.json"), "utf8")) as { version: string };
    execFileSync("npm", ["pack", sdk, "--pack-destination", path.join(DOWNLOADS_DIR, "sdk"), "--silent"], { stdio: "pipe" });
    console.error(`wrote public/sdk/${sdkTarballName(manifest.version)}`);

    // The sample app: a folder named like the archive, as `tar xzf` should leave it.
    execFileSync(
      "tar",
      ["-czf", path.join(DOWNLOADS_DIR, "downloads", SAMPLE_APP_ARCHIVE), "--owner=0", "--group=0", "-C", "examples", "oauth-sample-app"],
      { stdio: "pipe" },
    );
    console.error(`wrote public/downloads/${SAMPLE_APP_ARCHIVE}`);

    // The CLI, compiled: packing an uncompiled one would ship a `bin` that cannot start.
    const cliManifest = JSON.parse(readFileSync(path.join(CLI_PACKAGE_DIR, "package.json"), "utf8")) as { version: string };
    if (!existsSync(path.join(CLI_PACKAGE_DIR, "dist", "main.js")))
      throw new Error(`${CLI_PACKAGE_DIR}/dist/main.js is missing: run \`npm run cli:build\` before \`npm run downloads:build\`.`);
    execFileSync("npm", ["pack", `./${CLI_PACKAGE_DIR}`, "--pack-destination", path.join(DOWNLOADS_DIR, "downloads"), "--silent"], {
      stdio: "pipe",
    });
    console.error(`wrote public/downloads/${cliTarballName(cliManifest.version)}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
