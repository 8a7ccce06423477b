import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "@/lib/audit/audit-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import { changeEmailMessage, emailChangeRequestedNotice, emailChangeTakenNotice } from "./account-emails";
import { issueAccountToken, retireAccountTokens } from "./account-token";
import { assertLinkPace } from "./link-pace";

export type EmailChangeRequested = { pending_email: string; expires_at: string; sent: boolean };

const pointer = (detail: string) => ({ errors: [{ pointer: "/body/email", detail }] });

/**
 * Asks to move the account to a new address (the caller has stepped up). Nothing changes yet: a
 * link (24 h, single use) goes to the NEW address and the change happens when it is opened
 * (confirmEmailLink). The current address is told at once. A newer request replaces an older one.
 *
 * A taken address gets the same answer, the same pacing and the same work (a pending change is
 * recorded either way), so the form says nothing about who has an account, as sign-up does not
 * (issue 21, finding 4). Its holder is told instead of sent a link; had a link gone out, opening it
 * would answer email_taken (confirmEmailLink).
 */
export async function requestEmailChange(options: { actor: AuditActor; email: string }): Promise<EmailChangeRequested> {
  const { actor, email } = options;
  const user = await db().user.findUnique({ where: { id: actor.userId }, select: { id: true, email: true, name: true } });
  if (!user) throw new AppError("unauthenticated");
  if (email === user.email)
    throw new AppError("validation_failed", "That is already your email address.", pointer("This is already your email address"));
  await assertLinkPace(user.id, ["change_email"]);
  const holder = await db().user.findUnique({ where: { email }, select: { name: true } });

  const now = new Date();
  const { link, expiresAt } = await db().$transaction(async (tx) => {
    await retireAccountTokens(tx, user.id, ["change_email"]);
    const issued = await issueAccountToken(tx, { userId: user.id, kind: "change_email", email, now });
    await recordAudit(tx, {
      teamId: null,
      actor,
      action: "account.email_change_requested",
      target: { type: "user", id: user.id, name: user.email },
      metadata: { to: email, expires_at: issued.expiresAt.toISOString() },
    });
    return issued;
  });
  const sent = await sendMail(
    holder ? emailChangeTakenNotice({ to: email, name: holder.name }) : changeEmailMessage({ to: email, name: user.name, link, expiresAt }),
  );
  await sendMail(emailChangeRequestedNotice({ to: user.email, name: user.name, newEmail: email, at: now }));
  return { pending_email: email, expires_at: expiresAt.toISOString(), sent };
}

/** The address change waiting for its link to be opened, if any (for the profile page). */
export async function pendingEmailChange(userId: string): Promise<{ email: string; expiresAt: Date } | null> {
  const row = await db().accountToken.findFirst({
    where: { userId, kind: "change_email", usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { email: true, expiresAt: true },
  });
  return row;
}
