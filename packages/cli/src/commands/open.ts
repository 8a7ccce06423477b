import { Argument, type Command } from "commander";
import { action } from "../action.js";
import { canOpenBrowser, openInBrowser } from "../browser.js";
import { requireApp, type Context } from "../context.js";
import { print } from "../output.js";

const PAGES = ["docs", "dashboard", "logs"] as const;
type Page = (typeof PAGES)[number];

/** The portal page for each target: the dashboard of the chosen app if there is one; the chosen app's request logs. */
export function pageUrl(context: Pick<Context, "baseUrl" | "appId">, page: Page): string {
  if (page === "docs") return `${context.baseUrl}/docs`;
  if (page === "dashboard")
    return context.appId ? `${context.baseUrl}/dashboard/apps/${encodeURIComponent(context.appId)}` : `${context.baseUrl}/dashboard`;
  return `${context.baseUrl}/dashboard/apps/${encodeURIComponent(requireApp(context as Context))}/logs`;
}

/** `openbank open docs|dashboard|logs`: prints the page's URL and opens it. */
export function registerOpen(program: Command): void {
  program
    .command("open")
    .description("open the portal's docs, your dashboard, or the current app's request logs in a browser")
    .addArgument(new Argument("<page>", "which page").choices(PAGES))
    .option("--no-browser", "only print the URL")
    .action(
      action(async (context, page: Page, options: { browser: boolean }) => {
        const url = pageUrl(context, page);
        const opened = options.browser && canOpenBrowser(context.env) ? await openInBrowser(url) : false;
        print(context, { url, opened }, () => url);
      }),
    );
}
