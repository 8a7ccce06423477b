import { db } from "@/lib/db";
import { newId } from "@openbank/contracts/ids";
import type { MailMessage, MailTransport } from "./mail-transport";

/** Dev mail is a convenience, not a record: a week is plenty. */
const KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/** Keeps sent mail in the database, for the dev outbox page. No mail leaves the machine. */
export const outboxTransport: MailTransport = {
  name: "outbox",
  async send(message: MailMessage) {
    await db().$transaction([
      db().outboxMail.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_MS) } } }),
      db().outboxMail.create({ data: { id: newId("mail"), to: message.to, subject: message.subject, text: message.text } }),
    ]);
  },
};

export type OutboxMailDto = { id: string; to: string; subject: string; text: string; created_at: string };

/** The newest mail first, for /dev/outbox. */
export async function listOutbox(options: { limit?: number } = {}): Promise<OutboxMailDto[]> {
  const rows = await db().outboxMail.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: options.limit ?? 50 });
  return rows.map((row) => ({ id: row.id, to: row.to, subject: row.subject, text: row.text, created_at: row.createdAt.toISOString() }));
}
