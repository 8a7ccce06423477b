#!/usr/bin/env node
// The published entry point: the compiled CLI (`npm run build` in this package, or the
// repository's `npm run build`, writes dist/).
import { existsSync } from "node:fs";

const entry = new URL("../dist/main.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("openbank: the CLI is not built yet. Run `npm run cli:build` in the repository (or `npm run build` in packages/cli).");
  process.exit(1);
}
await import(entry.href);
