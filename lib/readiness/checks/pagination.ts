import { GUIDE, type CheckResult, type ReadinessCheck } from "../readiness-check";
import { listingPages, READINESS_ACCOUNT_NUMBER, type ListingPage } from "./transaction-listing";

/** Small pages, so a history takes several and every answer is logged whole. */
export const PAGE_LIMIT = 25;
/** After the last page seen, how long the check waits for the next before it decides the app stopped. */
export const PAGINATION_SETTLE_MS = 4_000;

/**
 * Asked for a full history, the app follows `next_cursor` to the end: the first page without a
 * cursor, then exactly the cursor each page answered, every page once, and nothing after `null`.
 * Graded from the app's own listings of the account (the cursors it sent and the `next_cursor` logged in each answer).
 */
export const pagination: ReadinessCheck = {
  id: "pagination",
  title: "Pagination to the end",
  description:
    "Asked for an account's full history, the app follows `next_cursor` until it is null: every page fetched once, none skipped.",
  guide: GUIDE.transactions,
  fixHint:
    "Loop: request the first page without a cursor, then send exactly the `next_cursor` of the page you just read, until it is null. Never stop after the first page, never build a cursor yourself.",
  instruction: {
    text: `Now fetch the full transaction history of account number ${READINESS_ACCOUNT_NUMBER} (the good_credit customer's current account): GET /v1/accounts/{id}/transactions?limit=${PAGE_LIMIT}, then follow next_cursor until it is null.`,
    action: { kind: "fetch_history", account_number: READINESS_ACCOUNT_NUMBER, limit: PAGE_LIMIT },
  },
  timeoutMs: 60_000,
  readsCalls: true,
  grade({ calls, now, timedOut }): CheckResult | null {
    const all = listingPages(calls);
    // The history the app walked: of the listings it started (a page without a cursor), the one with the most pages.
    const sameListing = (a: ListingPage, b: ListingPage) => a.accountId === b.accountId && a.filters === b.filters;
    const size = (start: ListingPage) => all.filter((page) => sameListing(page, start)).length;
    const first = all
      .filter((page) => page.cursor === null)
      .reduce<ListingPage | undefined>((best, page) => (!best || size(page) > size(best) ? page : best), undefined);
    if (!first) {
      if (!timedOut) return null;
      return {
        grade: "fail",
        summary: all.length
          ? "Every listing sent a cursor: the first page (no cursor) was never fetched."
          : "No GET /v1/accounts/{id}/transactions answered 2xx while the check ran.",
        requestIds: all.map((page) => page.call.id),
        deliveryIds: [],
      };
    }
    // The listing the app started: same account, same filters.
    const pages = all.filter((page) => sameListing(page, first));
    const requestIds = pages.map((page) => page.call.id);
    const result = (grade: CheckResult["grade"], summary: string): CheckResult => ({ grade, summary, requestIds, deliveryIds: [] });

    const chain: ListingPage[] = [first];
    for (let page = first; typeof page.next === "string";) {
      const next = pages.find((candidate) => candidate.cursor === page.next);
      if (!next || chain.includes(next)) break;
      chain.push(next);
      page = next;
    }
    const last = chain.at(-1)!;
    const quiet = timedOut || now - Math.max(...pages.map((page) => page.call.endedAt)) >= PAGINATION_SETTLE_MS;
    if (!quiet) return null;

    const counts = new Map<string, number>();
    for (const page of pages) counts.set(page.cursor ?? "", (counts.get(page.cursor ?? "") ?? 0) + 1);
    const twice = chain.findIndex((page) => (counts.get(page.cursor ?? "") ?? 0) > 1);
    if (twice >= 0)
      return result("fail", `Page ${twice + 1} was fetched ${counts.get(chain[twice].cursor ?? "")} times: fetch each page once.`);
    const strays = pages.filter((page) => !chain.includes(page));
    if (strays.length) {
      return result(
        "fail",
        last.next === null
          ? `${strays.length} listing call(s) sent a cursor that no page of this history answered: pages were skipped or cursors made up.`
          : `After page ${chain.length}, the app asked for a cursor that page did not answer: page ${chain.length + 1} was skipped.`,
      );
    }
    if (last.next === undefined) {
      return result(
        "warn",
        `Page ${chain.length}'s answer could not be read from the log; use limit=${PAGE_LIMIT} so every page is logged whole.`,
      );
    }
    if (last.next !== null) {
      return result(
        "fail",
        `Stopped after ${chain.length} page(s): page ${chain.length} answered a next_cursor that was never followed, so the history is incomplete.`,
      );
    }
    const count = chain.reduce((sum, page) => sum + (page.transactions?.length ?? 0), 0);
    return result(
      "pass",
      `${chain.length} page(s), ${count} transactions: each page fetched once, in order, stopping at next_cursor null.`,
    );
  },
};
