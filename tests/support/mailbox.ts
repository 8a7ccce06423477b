import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ReceivedMail } from "./mail-sink.mjs";

export type { ReceivedMail };

type Match = { to: string; subject?: RegExp | string };

/**
 * What the suite's SMTP sink (tests/support/mail-sink.mjs) received, read from its folder: the
 * test's mailbox. Works from any process (vitest workers, Playwright), since the sink runs in the
 * one that started the services.
 */
export class Mailbox {
  constructor(readonly dir: string) {}

  /** Every message so far, oldest first. */
  all(): ReceivedMail[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => name.endsWith(".json"))
      .sort()
      .map((name) => JSON.parse(readFileSync(path.join(this.dir, name), "utf8")) as ReceivedMail);
  }

  /** A position: `next(…, { after })` then only considers mail that arrives later. */
  mark(): number {
    return this.all().length;
  }

  /** The newest message to `to` (and with that subject), if there is one. */
  latest(match: Match, options: { after?: number } = {}): ReceivedMail | undefined {
    return this.all()
      .slice(options.after ?? 0)
      .filter((mail) => matches(mail, match))
      .at(-1);
  }

  /** The newest matching message, waiting up to `timeoutMs` for one (mail sent after the response arrives a moment later). */
  async next(match: Match, options: { after?: number; timeoutMs?: number } = {}): Promise<ReceivedMail> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const found = this.latest(match, options);
      if (found) return found;
      if (Date.now() > deadline) {
        const subjects = this.all()
          .filter((mail) => mail.to.includes(match.to.toLowerCase()))
          .map((mail) => mail.subject);
        throw new Error(`no mail to ${match.to}${match.subject ? ` about ${match.subject}` : ""}; it has: ${JSON.stringify(subjects)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function matches(mail: ReceivedMail, match: Match): boolean {
  if (!mail.to.includes(match.to.toLowerCase())) return false;
  if (match.subject === undefined) return true;
  return typeof match.subject === "string" ? mail.subject.includes(match.subject) : match.subject.test(mail.subject);
}

/** The first link in a mail whose path starts with `prefix` ("/verify-email/"). */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((candidate) => new URL(candidate).pathname.startsWith(prefix));
  if (!link) throw new Error(`no ${prefix}… link in "${mail.subject}"`);
  return link;
}

/** The last path segment of a link: its token. */
export function tokenOf(link: string): string {
  return link.slice(link.lastIndexOf("/") + 1);
}
