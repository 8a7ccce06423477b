import type { Metadata } from "next";
import { Code, CodeBlock } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { DEFAULT_RETRY_SCHEDULE, JITTER, parseRetrySchedule } from "@/lib/webhooks/retry-schedule";
import { FAILING_THRESHOLD } from "@/lib/webhooks/attempt-delivery";
import { ROTATION_OVERLAP_MS } from "@/lib/webhooks/rotate-endpoint-secret";

export const metadata: Metadata = {
  title: "Webhooks",
  description: "Receive your sandbox's events: signatures (Standard Webhooks), retries, idempotent handling, test events.",
};

const payload = `POST /webhooks/open-bank HTTP/1.1
Content-Type: application/json
webhook-id: evt_5TQd0cXb8mR2yJ1hP3sK7w
webhook-timestamp: 1763721000
webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=

{"id":"evt_5TQd0cXb8mR2yJ1hP3sK7w","type":"payment.completed","timestamp":"2026-11-21T10:30:00.000Z","data":{"object":{"id":"pay_…","status":"completed", …}}}`;

const node = `// npm install standardwebhooks express
import express from "express";
import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.OPEN_BANK_WEBHOOK_SECRET); // "whsec_…"
const app = express();

// Verify the raw bytes: parsing and re-serialising JSON changes them.
app.post("/webhooks/open-bank", express.raw({ type: "application/json" }), async (req, res) => {
  let event;
  try {
    event = wh.verify(req.body, req.headers); // checks signature and a 5-minute timestamp window
  } catch {
    return res.status(400).send("invalid signature");
  }
  const id = req.headers["webhook-id"];
  if (await alreadyHandled(id)) return res.sendStatus(200); // a retry: acknowledge, do nothing
  await handle(event); // e.g. event.type === "payment.completed"
  await markHandled(id);
  res.sendStatus(200);
});`;

const python = `# pip install standardwebhooks flask
import os
from flask import Flask, request
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

wh = Webhook(os.environ["OPEN_BANK_WEBHOOK_SECRET"])  # "whsec_…"
app = Flask(__name__)

@app.post("/webhooks/open-bank")
def open_bank_webhook():
    try:
        event = wh.verify(request.get_data(), dict(request.headers))
    except WebhookVerificationError:
        return "invalid signature", 400
    webhook_id = request.headers["webhook-id"]
    if already_handled(webhook_id):  # a retry: acknowledge, do nothing
        return "", 200
    handle(event)
    mark_handled(webhook_id)
    return "", 200`;

const manual = `import { createHmac, timingSafeEqual } from "node:crypto";

// Without a library: HMAC-SHA256 over "id.timestamp.body" with the base64-decoded secret.
function verify(secret, headers, body /* raw string */) {
  const id = headers["webhook-id"], timestamp = headers["webhook-timestamp"];
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false; // replay window
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(\`\${id}.\${timestamp}.\${body}\`).digest();
  // During a secret rotation there are two signatures, space-separated: accept either.
  return headers["webhook-signature"].split(" ").some((entry) => {
    const [version, signature] = entry.split(",");
    const given = Buffer.from(signature ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}`;

const fire = `curl -X POST http://localhost:3000/v1/sandbox/webhooks/fire \\
  -H "Authorization: Bearer sk_sandbox_…" \\
  -H "Content-Type: application/json" \\
  -d '{"type": "payment.completed"}'`;

function human(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

function scheduleRows() {
  const schedule = parseRetrySchedule(DEFAULT_RETRY_SCHEDULE);
  return [
    { attempt: 1, wait: "—", at: "at once" },
    ...schedule.map((ms, index) => ({ attempt: index + 2, wait: human(ms), at: `≈ ${human(schedule.slice(0, index + 1).reduce((a, b) => a + b, 0))} after the event` })),
  ];
}

/** The webhooks guide: what we send, how to verify it, when we retry, how to test. */
export default function WebhooksGuide() {
  const rows = scheduleRows();
  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10 sm:px-6">
      <PageHeader
        eyebrow="Guides"
        title="Webhooks"
        description={
          <>
            Your app&apos;s sandbox tells you when things happen (a payment completes, a transaction books, a KYC check is decided) by
            POSTing signed JSON to your endpoints, following the <a className="underline" href="https://www.standardwebhooks.com/">Standard Webhooks</a> spec.
          </>
        }
      />

      <section className="mt-8 flex flex-col gap-4">
        <h2 className="text-xl font-semibold text-fg">1. Add an endpoint</h2>
        <p className="text-fg-muted">
          In the dashboard, open your app, then <strong>Webhooks → Add endpoint</strong>: an https URL (http works too in the sandbox), the
          event types to receive (none selected = all), a description. The signing secret <Code>whsec_…</Code> is shown once: store it in your
          app&apos;s secrets. Only your app&apos;s own sandbox events are ever sent to its endpoints.
        </p>
        <p className="text-fg-muted">
          Endpoints must be reachable on the public internet: URLs that resolve to private, link-local (cloud metadata), loopback or reserved
          addresses are refused when the connection is made, whatever the URL looks like. Running the portal locally (
          <Code>npm run dev</Code>), loopback receivers such as <Code>http://localhost:4000/webhooks</Code> are allowed (
          <Code>WEBHOOKS_ALLOW_LOOPBACK</Code>).
        </p>
      </section>

      <section className="mt-10 flex flex-col gap-4">
        <h2 className="text-xl font-semibold text-fg">2. What we send</h2>
        <CodeBlock code={payload} language="http" />
        <ul className="list-disc space-y-1 pl-6 text-fg-muted">
          <li><Code>webhook-id</Code>: the event id, the same on every retry and resend: your idempotency key.</li>
          <li><Code>webhook-timestamp</Code>: Unix seconds of this attempt; reject anything more than 5 minutes off to stop replays.</li>
          <li><Code>webhook-signature</Code>: <Code>v1,</Code> + base64 HMAC-SHA256 of <Code>{"{id}.{timestamp}.{body}"}</Code>, keyed with the base64-decoded part of your secret after <Code>whsec_</Code>. After you rotate the secret, both the new and the old secret sign for {ROTATION_OVERLAP_MS / 3_600_000} h (two signatures, space-separated): deploy the new secret within that window.</li>
          <li>The body: <Code>id</Code>, <Code>type</Code>, <Code>timestamp</Code> (when it happened, on your sandbox&apos;s clock) and <Code>data.object</Code>, the resource as the API returns it.</li>
        </ul>
      </section>

      <section className="mt-10 flex flex-col gap-4">
        <h2 className="text-xl font-semibold text-fg">3. Verify every request</h2>
        <p className="text-fg-muted">Use a Standard Webhooks library on the raw body, before parsing it:</p>
        <CodeBlock title="Node.js (Express)" code={node} language="javascript" />
        <CodeBlock title="Python (Flask)" code={python} language="python" />
        <CodeBlock title="Node.js without a library" code={manual} language="javascript" />
      </section>

      <section className="mt-10 flex flex-col gap-4">
        <h2 className="text-xl font-semibold text-fg">4. Answer fast; handle each event once</h2>
        <p className="text-fg-muted">
          Reply with any 2xx within 10 seconds; do slow work afterwards (a queue). Anything else is a failure: a 3xx (redirects are never
          followed), 4xx, 5xx, a timeout or a refused connection. Delivery is <strong>at least once</strong>: a retry can arrive after you
          handled an event (your 200 was lost, or you resent it from the dashboard), and events can arrive out of order. Store the{" "}
          <Code>webhook-id</Code> of each event you handled and skip ones you have seen; fetch the resource from the API when you need its
          latest state.
        </p>
      </section>

      <section className="mt-10 flex flex-col gap-4">
        <h2 className="text-xl font-semibold text-fg">5. Retries</h2>
        <p className="text-fg-muted">
          A failed delivery is retried with exponential backoff, each wait ±{JITTER * 100} % at random so a recovering endpoint is not hit all at
          once. After the last attempt the delivery is <em>failed</em>; resend it from the dashboard when you are ready. After{" "}
          {FAILING_THRESHOLD} failures in a row an endpoint is marked <em>failing</em> in the dashboard until a delivery succeeds. Disabled
          endpoints receive nothing; their pending deliveries wait until you enable them again.
        </p>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-border text-fg-muted">
              <th className="py-2 font-medium">Attempt</th>
              <th className="py-2 font-medium">Wait after the previous failure</th>
              <th className="py-2 font-medium">Roughly</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.attempt} className="border-b border-border">
                <td className="py-2">{row.attempt}</td>
                <td className="py-2">{row.wait}</td>
                <td className="py-2 text-fg-muted">{row.at}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="mt-10 flex flex-col gap-4">
        <h2 className="text-xl font-semibold text-fg">6. Test and debug</h2>
        <p className="text-fg-muted">
          Fire any event type in your sandbox; without an <Code>object</Code>, the object of your latest real event of that type is reused:
        </p>
        <CodeBlock code={fire} language="bash" />
        <p className="text-fg-muted">
          Or use <strong>Send test event</strong> on an endpoint to send it <Code>{`{"id": null, "sandbox_test": true}`}</Code> alone. Each
          endpoint&apos;s delivery log shows every attempt: the request headers and body, the response status and the first 2 KiB of the
          response body, the latency and the next retry; filter it by status and resend any delivery.
        </p>
      </section>
    </div>
  );
}
