import { test as base, type Browser, type BrowserContext } from "@playwright/test";

export { expect } from "@playwright/test";

/**
 * The `test` every spec imports (eslint refuses `test` from @playwright/test in e2e specs): it
 * fails any test during which a page, in any browser context the test opens, reports a
 * Content-Security-Policy violation (issue 21 finding 5), naming the page and what was refused.
 * Two witnesses: the document's `securitypolicyviolation` event (every frame, before any page
 * script runs) and Chromium's console line ("Refused to … Content Security Policy").
 */
type CspFixtures = {
  /** What the pages of this test refused so far; a test that provokes a violation on purpose empties it. */
  cspViolations: string[];
  cspGuard: void;
};

const BINDING = "__e2eReportCspViolation";

async function watch(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding(BINDING, ({ page }, text: string) => {
    violations.push(`${text} (on ${page?.url() ?? "a page"})`);
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as Record<string, (text: string) => void>)[binding];
      report?.(
        `${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile || "document"}:${event.lineNumber})`,
      );
    });
  }, BINDING);
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text()))
      violations.push(`console: ${message.text().slice(0, 400)} (on ${message.page()?.url()})`);
  });
}

export const test = base.extend<CspFixtures>({
  cspViolations: async ({}, provide) => {
    await provide([]);
  },
  cspGuard: [
    async ({ browser, context, cspViolations }, provide) => {
      await watch(context, cspViolations);
      // Contexts the test opens itself (browser.newContext(), browser.newPage()) are watched too.
      const newContext = browser.newContext;
      browser.newContext = async function (this: Browser, ...args: Parameters<Browser["newContext"]>) {
        const opened = await newContext.apply(this, args);
        await watch(opened, cspViolations);
        return opened;
      };
      try {
        await provide();
      } finally {
        browser.newContext = newContext;
      }
      if (cspViolations.length > 0) {
        throw new Error(
          `The pages reported ${cspViolations.length} Content-Security-Policy violation(s):\n${[...new Set(cspViolations)].join("\n")}`,
        );
      }
    },
    { auto: true },
  ],
});
