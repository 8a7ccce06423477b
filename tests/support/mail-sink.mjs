// A real SMTP server for the test suites: the portal sends to it over SMTP_URL (nodemailer, as in
// production), and it keeps what it received, in memory and, with `dir`, one JSON file per message
// so test processes other than the one that started it can read them (tests/support/mailbox.ts).
// Plain ESM so scripts/test-services.mjs (run by Playwright with node) can start it.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const addresses = (field) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((entry) => entry.address.toLowerCase()));

/**
 * Starts the sink on 127.0.0.1 (`port` 0: an ephemeral one). With `auth`, clients must log in
 * with that user and password (PLAIN/LOGIN, no TLS: it is loopback). `refuse(address)` makes the
 * server reject a recipient (550), to test how the portal handles a refusal.
 */
export async function startMailSink({ port = 0, dir, auth, refuse } = {}) {
  if (dir) mkdirSync(dir, { recursive: true });
  const messages = [];
  const waiters = new Set();
  let sequence = 0;

  const server = new SMTPServer({
    // Loopback only, no certificate: STARTTLS off so nodemailer does not try to upgrade.
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    banner: "openbank test mail sink",
    size: 1024 * 1024,
    onAuth(login, _session, callback) {
      if (auth && login.username === auth.user && login.password === auth.pass) return callback(null, { user: login.username });
      callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (refuse?.(address.address.toLowerCase())) {
        return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream, {}, (error, parsed) => {
        if (error) return callback(error);
        sequence += 1;
        const receivedAt = Date.now();
        const mail = {
          id: `${String(receivedAt).padStart(15, "0")}-${String(sequence).padStart(6, "0")}`,
          received_at: new Date(receivedAt).toISOString(),
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          },
          authenticated_as: session.user ?? null,
          from: parsed.from?.text ?? null,
          to: addresses(parsed.to),
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          headers: Object.fromEntries([...parsed.headerLines].map((line) => [line.key, line.line.slice(line.key.length + 1).trim()])),
        };
        messages.push(mail);
        if (dir) {
          // Whole files only: a reader never sees half a message.
          const file = path.join(dir, `${mail.id}.json`);
          writeFileSync(`${file}.tmp`, JSON.stringify(mail, null, 2));
          renameSync(`${file}.tmp`, file);
        }
        for (const waiter of waiters) waiter();
        callback();
      });
    },
  });
  server.on("error", () => {}); // a client that drops the connection is not the sink's failure

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = server.server.address().port;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : "";

  return {
    port: actualPort,
    url: `smtp://${credentials}127.0.0.1:${actualPort}`,
    dir,
    messages,
    /** The first message (oldest first) that `match` accepts, waiting up to `timeoutMs` for it. */
    waitFor(match, timeoutMs = 10_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = messages.find(match);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    stop() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
