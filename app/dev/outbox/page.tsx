import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatExact } from "@/components/dashboard/format-time";
import { listOutbox } from "@/lib/mail/outbox-transport";
import { devOutboxEnabled } from "@/lib/mail/send-mail";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false, follow: false } };

/** Links inside plain-text mail, made clickable. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, index) =>
    /^https?:\/\//.test(part) ? (
      <a key={index} href={part} className="break-all text-primary underline underline-offset-4">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

/**
 * Mail the portal "sent" with no mail server: only outside production (or with DEV_OUTBOX).
 * Invitation links are secrets for whoever holds them, which is why this page 404s in production.
 */
export default async function OutboxPage() {
  await connection();
  if (!devOutboxEnabled()) notFound();
  const mail = await listOutbox({ limit: 50 });
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-10 sm:px-6">
      <PageHeader
        eyebrow="Development only"
        title="Outbox"
        description="The newest 50 emails the portal sent. No mail server is configured, so nothing left this machine."
      />
      {mail.length === 0 ? (
        <EmptyState title="No mail yet">Invite someone to a team and the invitation appears here.</EmptyState>
      ) : (
        <ol className="flex flex-col gap-4" aria-label="Sent mail, newest first">
          {mail.map((message) => (
            <li key={message.id}>
              <Card data-testid="outbox-mail" data-to={message.to}>
                <CardHeader>
                  <CardTitle>{message.subject}</CardTitle>
                  <p className="text-sm text-fg-muted">
                    To {message.to} · <time dateTime={message.created_at}>{formatExact(message.created_at)}</time>
                  </p>
                </CardHeader>
                <CardBody>
                  <p className="text-sm whitespace-pre-wrap text-fg">{linkify(message.text)}</p>
                </CardBody>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
