#!/usr/bin/env node
// npm run lighthouse: Lighthouse (performance, accessibility, best practices) on the docs pages
// of a production build, in Debian's Chromium. Starts throwaway services from the existing build
// (run `npm run build` first) unless LIGHTHOUSE_URL points at a running portal.
//   LIGHTHOUSE_URL=http://localhost:3000     audit a running portal instead
//   LIGHTHOUSE_PORTAL_PORT / _BANK_PORT / _CHROME_PORT   ports of what this script starts
//   LIGHTHOUSE_PRESET=mobile                 Lighthouse's mobile emulation and throttling (default: desktop)
//   LIGHTHOUSE_ALLOW_MISSING=1               a page answering 404 is reported, not failed
//   LIGHTHOUSE_OUT=dir                       also write each page's JSON report there
//   LIGHTHOUSE_PAGES=/docs,/docs/api/fx      audit these pages instead of PAGES
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { startServices } from "./test-services.mjs";

/** The audited pages: extend this list as docs pages are added. */
export const PAGES = [
  "/docs",
  "/docs/guides/quickstart",
  "/docs/guides/payments",
  "/docs/guides/webhooks",
  "/docs/sandbox",
  "/docs/api",
  "/docs/api/accounts",
  "/docs/api/payments",
  "/docs/changelog",
];

/** The issue's bar: every page at least this, per category (0-100). */
export const THRESHOLDS = { performance: 95, accessibility: 100, "best-practices": 100 };

const env = process.env;
const preset = env.LIGHTHOUSE_PRESET === "mobile" ? "mobile" : "desktop";

async function main() {
  const services = env.LIGHTHOUSE_URL
    ? null
    : await startServices({
        portalPort: Number(env.LIGHTHOUSE_PORTAL_PORT ?? 3550),
        bankPort: Number(env.LIGHTHOUSE_BANK_PORT ?? 3560),
        name: "lighthouse",
      });
  const base = env.LIGHTHOUSE_URL ?? services.portalUrl;
  const rows = [];
  let failed = false;
  let chrome;
  try {
    chrome = await chromeLauncher.launch({
      chromePath: env.CHROME_PATH ?? "/usr/bin/chromium",
      port: Number(env.LIGHTHOUSE_CHROME_PORT ?? 3570),
      chromeFlags: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const pages = env.LIGHTHOUSE_PAGES ? env.LIGHTHOUSE_PAGES.split(",").map((page) => page.trim()) : PAGES;
    for (const page of pages) {
      const url = new URL(page, base).toString();
      // Warm the server (first render reads guides, first call fetches the OpenAPI document).
      const warm = await fetch(url).catch(() => null);
      if (warm?.status === 404) {
        const allowed = env.LIGHTHOUSE_ALLOW_MISSING === "1";
        rows.push({ page, note: `HTTP 404${allowed ? " (allowed)" : ""}` });
        if (!allowed) failed = true;
        continue;
      }
      const result = await lighthouse(
        url,
        { port: chrome.port, output: "json", logLevel: "error", onlyCategories: Object.keys(THRESHOLDS) },
        preset === "desktop" ? desktopConfig : undefined,
      );
      const lhr = result.lhr;
      if (env.LIGHTHOUSE_OUT) {
        mkdirSync(env.LIGHTHOUSE_OUT, { recursive: true });
        writeFileSync(path.join(env.LIGHTHOUSE_OUT, `${page.replace(/\W+/g, "_") || "root"}.json`), result.report);
      }
      const scores = Object.fromEntries(
        Object.keys(THRESHOLDS).map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)]),
      );
      const below = Object.entries(THRESHOLDS).filter(([category, min]) => scores[category] < min);
      if (below.length) failed = true;
      // What cost the points: every failing audit of a category that is below its bar.
      const reasons = below.flatMap(([category]) =>
        lhr.categories[category].auditRefs
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 0.9)
          .map((ref) => `${category}: ${ref.id}${lhr.audits[ref.id].displayValue ? ` (${lhr.audits[ref.id].displayValue})` : ""}`),
      );
      rows.push({ page, ...scores, note: reasons.join("; ") });
    }
  } finally {
    // Also when Chromium fails to start or crashes mid-run: no server is left behind.
    await Promise.resolve(chrome?.kill()).catch(() => {});
    await services?.stop();
  }
  console.log(
    `Lighthouse ${preset}, thresholds ${Object.entries(THRESHOLDS)
      .map(([category, min]) => `${category} ≥ ${min}`)
      .join(", ")}`,
  );
  for (const row of rows) {
    const scores =
      "performance" in row
        ? Object.keys(THRESHOLDS)
            .map((category) => `${category} ${row[category]}`)
            .join("  ")
        : "";
    console.log(`${row.page.padEnd(28)} ${scores}${row.note ? `  ${row.note}` : ""}`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
