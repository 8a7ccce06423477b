/** One outgoing email. Plain text only: invites are a sentence and a link. */
export type MailMessage = { to: string; subject: string; text: string };

/**
 * Where mail goes. The portal sends through one transport; the dev outbox stores messages
 * for /dev/outbox. A real SMTP (or API) transport implements the same one method.
 */
export interface MailTransport {
  readonly name: string;
  send(message: MailMessage): Promise<void>;
}
