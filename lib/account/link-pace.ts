import { AppError } from "@openbank/contracts/errors";
import { db } from "@/lib/db";
import type { AccountTokenKind } from "./account-token";

/** One mail of a kind per account per minute, and a bounded number a day: enough for a person, no use to a mail bomber. */
export const LINK_GAP_MS = 60_000;
export const LINKS_PER_DAY = 10;

/**
 * Refuses a new link mail (429 rate_limited, with Retry-After) when the account was sent one of
 * these kinds under a minute ago, or too many today. Counted from the stored links, so it holds
 * across every portal instance without Redis.
 */
export async function assertLinkPace(userId: string, kinds: AccountTokenKind[], now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const recent = await db().accountToken.findMany({
    where: { userId, kind: { in: kinds }, createdAt: { gt: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
    take: LINKS_PER_DAY,
  });
  const last = recent[0]?.createdAt.getTime();
  let wait = 0;
  if (last !== undefined && now.getTime() - last < LINK_GAP_MS) wait = last + LINK_GAP_MS - now.getTime();
  else if (recent.length >= LINKS_PER_DAY) wait = recent[LINKS_PER_DAY - 1].createdAt.getTime() + 24 * 60 * 60 * 1000 - now.getTime();
  if (wait <= 0) return;
  const seconds = Math.max(1, Math.ceil(wait / 1000));
  throw new AppError("rate_limited", `We sent you a link moments ago; you can ask for another in ${seconds} s.`, {
    headers: { "retry-after": String(seconds) },
  });
}
