/** Types for mail-sink.mjs (plain ESM so scripts/test-services.mjs can start it with node). */
export type ReceivedMail = {
  /** Sortable: arrival time, then order of arrival. Also the file name in `dir`. */
  id: string;
  received_at: string;
  envelope: { from: string | null; to: string[] };
  /** The user the client logged in as (when the sink asks for `auth`). */
  authenticated_as: string | null;
  /** The From header as written ("Name <address>"). */
  from: string | null;
  /** The To header's addresses, lower-case. */
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
};

export type MailSink = {
  port: number;
  /** What SMTP_URL should be to send here (with the credentials when `auth` was given). */
  url: string;
  dir?: string;
  messages: ReceivedMail[];
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
};

export function startMailSink(options?: {
  port?: number;
  dir?: string;
  auth?: { user: string; pass: string };
  refuse?: (address: string) => boolean;
}): Promise<MailSink>;
