import { Prisma } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import { emailChangedNotice } from "./account-emails";
import { claimAccountToken, retireAccountTokens } from "./account-token";

export type EmailConfirmed = { email: string; email_verified: true; changed: boolean };

function emailTaken(): AppError {
  return new AppError("email_taken", "Another account started using this address after you asked for the change.");
}

/**
 * Opens a link from an account email that proves an address: a verification link (the address
 * becomes verified) or an address-change link (the account's address becomes the new one, now
 * verified, and the old address is told). Works signed out: the link is the proof. Single use;
 * the change, the link's use and the audit row commit together.
 */
export async function confirmEmailLink(options: { token: string; ip: string }): Promise<EmailConfirmed> {
  const outcome = await db()
    .$transaction(async (tx) => {
      const link = await claimAccountToken(tx, options.token, ["verify_email", "change_email"]);
      const user = await tx.user.findUnique({ where: { id: link.userId }, select: { email: true, name: true, emailVerifiedAt: true } });
      if (!user) throw new AppError("link_invalid");
      const actor = { userId: link.userId, email: user.email, ip: options.ip };
      const now = new Date();

      if (link.kind === "verify_email") {
        // A link to an address the account no longer has (changed since) proves nothing now.
        if (link.email !== user.email) throw new AppError("link_used", "This link was for an address your account no longer uses.");
        if (!user.emailVerifiedAt) {
          await tx.user.update({ where: { id: link.userId }, data: { emailVerifiedAt: now } });
          await recordAudit(tx, {
            teamId: null,
            actor,
            action: "account.email_verified",
            target: { type: "user", id: link.userId, name: user.email },
          });
        }
        return { email: user.email, changed: false as const };
      }

      const holder = await tx.user.findUnique({ where: { email: link.email }, select: { id: true } });
      if (holder && holder.id !== link.userId) throw emailTaken();
      await tx.user.update({ where: { id: link.userId }, data: { email: link.email, emailVerifiedAt: now } });
      // Links sent to the old address (verification, password reset) must not work any more.
      await retireAccountTokens(tx, link.userId, ["verify_email", "change_email", "reset_password"]);
      await recordAudit(tx, {
        teamId: null,
        actor: { ...actor, email: link.email },
        action: "account.email_changed",
        target: { type: "user", id: link.userId, name: link.email },
        metadata: { from: user.email, to: link.email },
      });
      return { email: link.email, changed: true as const, previous: user.email, name: user.name, at: now };
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
      throw error;
    });

  if (outcome.changed) {
    await sendMail(emailChangedNotice({ to: outcome.previous, name: outcome.name, newEmail: outcome.email, at: outcome.at }));
  }
  return { email: outcome.email, email_verified: true, changed: outcome.changed };
}
