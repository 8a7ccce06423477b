import cliManifest from "../../packages/cli/package.json";
import sdkManifest from "../../packages/sandbox-client/package.json";

/**
 * What the portal offers for download, built by `npm run downloads:build` (part of `npm run build`)
 * into public/, which the portal serves as static files. One place names them, for the build
 * script, the guides' samples and the tests.
 */
export const DOWNLOADS_DIR = "public";
export const SDK_PACKAGE_DIR = "packages/sandbox-client";
/** The `openbank` CLI: `npm run cli:build` compiles it into its dist/, then `npm pack` packs it as npm would publish it. */
export const CLI_PACKAGE_DIR = "packages/cli";
export const SAMPLE_APP_ARCHIVE = "oauth-sample-app.tar.gz";

/** `npm pack`'s file name for the scoped package: `@openbank/sandbox-client` 0.1.0 → `openbank-sandbox-client-0.1.0.tgz`. */
export const sdkTarballName = (version: string) => `openbank-sandbox-client-${version}.tgz`;

/** The typed client's tarball path on the portal, for the version in the repository. */
export const SDK_TARBALL_PATH = `/sdk/${sdkTarballName(sdkManifest.version)}`;
/** `npm pack`'s file name for `@openbank/cli`: 0.1.0 → `openbank-cli-0.1.0.tgz`. */
export const cliTarballName = (version: string) => `openbank-cli-${version}.tgz`;
/** The CLI's tarball path on the portal (`npm install -g <portal>/downloads/openbank-cli-<version>.tgz`). */
export const CLI_TARBALL_PATH = `/downloads/${cliTarballName(cliManifest.version)}`;
export const SAMPLE_APP_PATH = `/downloads/${SAMPLE_APP_ARCHIVE}`;
