import { is2xx, type LoggedCall } from "../readiness-check";

/** The account both data checks name: the `good_credit` persona's current account (Accounts & transactions guide §1). */
export const READINESS_ACCOUNT_NUMBER = "41825937";

/** One answered `GET /v1/accounts/{id}/transactions`, as the data checks read it from the request log. */
export type ListingPage = {
  call: LoggedCall;
  accountId: string;
  cursor: string | null;
  /** The other filters (from, to, status), so pages of one listing are told from another's. */
  filters: string;
  status: string | null;
  /** The answer's `next_cursor`; undefined when the logged body could not be read. */
  next: string | null | undefined;
  /** The answer's transactions (id, status, amount in minor units); undefined when unreadable. */
  transactions: { id: string; status: string; minor: number }[] | undefined;
};

const LISTING = /^\/v1\/accounts\/([^/]+)\/transactions$/;

/** The app's 2xx transaction listings, oldest first. */
export function listingPages(calls: LoggedCall[]): ListingPage[] {
  return calls
    .filter((call) => call.method === "GET" && is2xx(call.status))
    .flatMap((call) => {
      const url = new URL(call.path, "http://log.invalid");
      const match = LISTING.exec(url.pathname);
      if (!match) return [];
      const filters = ["from", "to", "status"].map((name) => `${name}=${url.searchParams.get(name) ?? ""}`).join("&");
      const body = readBody(call.responseBody);
      return [
        {
          call,
          accountId: decodeURIComponent(match[1]),
          cursor: url.searchParams.get("cursor"),
          filters,
          status: url.searchParams.get("status"),
          next: body?.next,
          transactions: body?.transactions,
        },
      ];
    })
    .sort((a, b) => a.call.startedAt - b.call.startedAt);
}

function readBody(text: string | null): Pick<ListingPage, "next" | "transactions"> | null {
  try {
    const parsed = JSON.parse(text ?? "") as { data?: unknown; next_cursor?: unknown };
    if (!Array.isArray(parsed.data) || !("next_cursor" in parsed)) return null;
    const next = typeof parsed.next_cursor === "string" ? parsed.next_cursor : null;
    const transactions = parsed.data.flatMap((item: { id?: unknown; status?: unknown; amount?: { amount?: unknown } }) => {
      const minor = typeof item.amount?.amount === "string" ? toMinor(item.amount.amount) : null;
      return typeof item.id === "string" && typeof item.status === "string" && minor !== null
        ? [{ id: item.id, status: item.status, minor }]
        : [];
    });
    return { next, transactions };
  } catch {
    return null;
  }
}

/** A decimal string ("-12.34", "5", "0.5") as integer minor units (two decimals); null if it is not one. */
export function toMinor(amount: string): number | null {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) return null;
  const minor = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -minor : minor;
}

/** Minor units as the API writes them: -1234 → "-12.34". */
export function fromMinor(minor: number): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
