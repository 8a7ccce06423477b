import { GUIDE, type CheckResult, type GradeInput, type LoggedCall, type ReadinessCheck } from "../readiness-check";
import { fromMinor, listingPages, READINESS_ACCOUNT_NUMBER, toMinor, type ListingPage } from "./transaction-listing";

/** How far the run moves the app's sandbox clock: past the midnight that books every card payment pending now. */
export const BOOKING_DAYS = 3;

/** The engine's action's tag: the clock moved, once. */
const ADVANCE = "advance";

/** The app's first readable `?status=pending` listing in the check: what it started from. */
function pendingRead(calls: LoggedCall[]): ListingPage | undefined {
  return listingPages(calls).find((page) => page.status === "pending" && page.transactions);
}

function pendingOf(read: ListingPage): { id: string; minor: number }[] {
  return read.transactions!.filter((item) => item.status === "pending").map(({ id, minor }) => ({ id, minor }));
}

/** `pending=<amount>; booked=<amount>` (either order, decimal strings) → minor units. */
export function parseReport(value: string): { pending: number; booked: number } | null {
  const fields = new Map(
    value.split(";").map((part) => {
      const [name, amount = ""] = part.split("=");
      return [name.trim().toLowerCase(), toMinor(amount)] as const;
    }),
  );
  const pending = fields.get("pending");
  const booked = fields.get("booked");
  return typeof pending === "number" && typeof booked === "number" ? { pending, booked } : null;
}

/**
 * The app lists the account's pending transactions; the run then moves its sandbox clock past
 * the booking midnight; the app re-reads them and reports, in a `Readiness-Report` header, the
 * totals it now holds for those transactions: all booked, each counted once.
 */
export const pendingBooked: ReadinessCheck = {
  id: "pending-booked",
  title: "Pending to booked without double counting",
  description: `After the sandbox clock moves ${BOOKING_DAYS} days on, the pending transactions the app read are booked; the app re-reads them and counts each once.`,
  guide: GUIDE.transactions,
  fixHint:
    "Key your stored transactions by id and let a re-read replace the pending entry with the booked one (status, booked_at); never add the booked transaction as a new entry next to the pending one.",
  instruction: {
    text: `Now list the pending transactions of account number ${READINESS_ACCOUNT_NUMBER} (GET /v1/accounts/{id}/transactions?status=pending). The run then moves your sandbox clock ${BOOKING_DAYS} days on (watch GET /v1/sandbox/clock) and they book: re-read them, then send the totals you hold for those transactions as a Readiness-Report: pending=<amount>; booked=<amount> header on GET /v1/accounts/{id}/balances.`,
    action: { kind: "pending_booked", account_number: READINESS_ACCOUNT_NUMBER },
  },
  timeoutMs: 60_000,
  // Once the app has listed pending transactions, the clock moves on (nothing pending: nothing would book, so it stays).
  act({ calls, actions = [] }) {
    if (actions.some((done) => done.tag === ADVANCE)) return null;
    const read = pendingRead(calls);
    return read && pendingOf(read).length ? { tag: ADVANCE, kind: "advance_clock", days: BOOKING_DAYS } : null;
  },
  grade({ calls, actions = [], timedOut }: GradeInput): CheckResult | null {
    const read = pendingRead(calls);
    if (!read) {
      return timedOut
        ? {
            grade: "fail",
            summary: "No GET /v1/accounts/{id}/transactions?status=pending answered 2xx while the check ran.",
            requestIds: [],
            deliveryIds: [],
          }
        : null;
    }
    const pending = pendingOf(read);
    if (!pending.length) {
      return {
        grade: "warn",
        summary:
          "The account had no pending transactions when the app listed them, so nothing could book (reset the sandbox and run again).",
        requestIds: [read.call.id],
        deliveryIds: [],
      };
    }
    const advanced = actions.find((done) => done.tag === ADVANCE);
    if (!advanced) {
      return timedOut
        ? { grade: "fail", summary: "The check ran out of time before the clock moved.", requestIds: [read.call.id], deliveryIds: [] }
        : null;
    }
    const after = calls.filter((call) => call.startedAt >= advanced.at).sort((a, b) => a.startedAt - b.startedAt);
    const report = after.find((call) => call.report);
    const ids = new Set(pending.map((item) => item.id));
    const rereads = listingPages(after).filter(
      (page) =>
        page.accountId === read.accountId &&
        (!report || page.call.startedAt <= report.startedAt) &&
        page.transactions?.some((item) => ids.has(item.id) && item.status === "booked"),
    );
    const seen = new Set(rereads.flatMap((page) => page.transactions!.filter((item) => ids.has(item.id)).map((item) => item.id)));
    const requestIds = [read.call.id, ...rereads.map((page) => page.call.id), ...(report ? [report.id] : [])];
    const result = (grade: CheckResult["grade"], summary: string): CheckResult => ({ grade, summary, requestIds, deliveryIds: [] });
    if (!report) {
      return timedOut ? result("fail", `No call carried a Readiness-Report header after the clock moved ${BOOKING_DAYS} days on.`) : null;
    }
    const reported = parseReport(report.report!);
    if (!reported) return result("fail", `The Readiness-Report header "${report.report}" is not "pending=<amount>; booked=<amount>".`);
    const expected = pending.reduce((sum, item) => sum + item.minor, 0);
    const said = `reported pending ${fromMinor(reported.pending)}, booked ${fromMinor(reported.booked)}`;
    const truth = `${pending.length} transaction(s) worth ${fromMinor(expected)}, all booked now`;
    if (reported.pending === 0 && reported.booked === expected) {
      return seen.size === ids.size
        ? result("pass", `Re-read the ${truth}, and ${said}: each counted once.`)
        : result(
            "warn",
            `The totals are right (${said}) but a re-read of all ${pending.length} transaction(s) after the clock moved was not seen.`,
          );
    }
    if (reported.pending + reported.booked === 2 * expected) {
      return result("fail", `Counted twice: for ${truth}, the app ${said}, holding each as pending and again as booked.`);
    }
    if (reported.pending === expected && reported.booked === 0) {
      return result("fail", `Stale: for ${truth}, the app ${said}; it did not re-read them after the clock moved.`);
    }
    return result("fail", `For ${truth}, the app ${said}; expected pending 0.00, booked ${fromMinor(expected)}.`);
  },
};
