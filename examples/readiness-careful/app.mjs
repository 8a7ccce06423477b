// A careful integration, for readiness runs: a webhook receiver that verifies signatures, handles
// each webhook-id once and never lets an older event overwrite a newer state, and a client that
// follows the run's instructions, retrying payments with one Idempotency-Key and backoff and
// honouring Retry-After. No build step: `node app.mjs` (README.md).
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { callStandards } from "./standards.mjs";
import { Webhook } from "standardwebhooks";
import { performTransactions } from "./transactions.mjs";
import { customerSession } from "./customer-session.mjs";

const config = {
  portal: process.env.OPENBANK_URL ?? "http://localhost:3000",
  token: required("OPENBANK_TOKEN"),
  apiKey: required("OPENBANK_API_KEY"),
  appId: required("OPENBANK_APP"),
  secret: required("WEBHOOK_SECRET"),
  port: Number(process.env.PORT ?? 8787),
  runId: process.env.RUN_ID ?? null,
  // The app's OAuth client (the consent checks refresh tokens at /oauth/token).
  oauthClientId: process.env.OPENBANK_CLIENT_ID ?? null,
  oauthClientSecret: process.env.OPENBANK_CLIENT_SECRET ?? null,
};

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`Set ${name} (see README.md).`);
    process.exit(2);
  }
  return value;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- the webhook receiver ----------------------------------------------------------------------
const webhook = new Webhook(config.secret);
/** webhook-ids handled (a real app keeps them in its database, with a unique index). */
const handled = new Set();
/** What the app holds for each payment: its status and the event time it came from. */
const payments = new Map();
const rank = { pending: 1, created: 1, completed: 2, failed: 2 };

const receiver = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const raw = Buffer.concat(chunks).toString("utf8");
    let event;
    try {
      event = webhook.verify(raw, request.headers);
    } catch {
      return answer(response, 401, { error: "invalid signature" });
    }
    const id = request.headers["webhook-id"];
    const object = event.data?.object ?? {};
    if (handled.has(id)) return answer(response, 200, { processed: id, duplicate: true, state: payments.get(object.id)?.status ?? null });
    handled.add(id);
    // Never let an older state overwrite a newer one (events can arrive out of order).
    const held = payments.get(object.id);
    if (object.id && (!held || (rank[object.status] ?? 0) >= (rank[held.status] ?? 0))) {
      payments.set(object.id, { status: object.status, at: event.timestamp });
    }
    answer(response, 200, { processed: id, duplicate: false, state: payments.get(object.id)?.status ?? null });
  });
});

function answer(response, status, body) {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

// ---- the client ----------------------------------------------------------------------------------
async function portalApi(path, init = {}) {
  const response = await fetch(`${config.portal}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${config.token}`, accept: "application/json", ...init.headers },
  });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** One sandbox call; 429s wait for Retry-After, then the call is sent again. */
async function sandbox(method, path, { body, headers = {}, retries = 5 } = {}) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${config.portal}${path}`, {
      method,
      headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 429 && attempt < retries) {
      const wait = Number(response.headers.get("retry-after") ?? 1);
      await sleep(wait * 1000 + 100);
      continue;
    }
    return response;
  }
}

/** A payment: the Idempotency-Key is made once, every retry sends it again; 5xx and timeouts back off exponentially with jitter. */
async function createPayment(amount, currency) {
  // An active current account: the sandbox's personas include a frozen one, which refuses payments (422 account_frozen).
  const accounts = await (await sandbox("GET", "/v1/accounts?type=current&limit=100")).json();
  const body = {
    debtor_account_id: accounts.data.find((account) => account.status === "active").id,
    amount: { amount, currency },
    creditor: { type: "sort_code", name: "Readiness Ltd", sort_code: "040004", account_number: "12345678" },
    reference: "readiness",
  };
  const key = randomUUID();
  for (let attempt = 0; attempt < 6; attempt++) {
    try {
      const response = await sandbox("POST", "/v1/payments", { body, headers: { "idempotency-key": key } });
      if (response.status < 500) return response.json();
    } catch {
      // A timeout: the payment may or may not exist; the same key makes the retry safe.
    }
    await sleep(300 * 2 ** attempt + Math.random() * 100);
  }
  throw new Error("the payment did not go through");
}

async function perform(action) {
  if (action.kind === "create_payment") await createPayment(action.amount, action.currency);
  if (action.kind === "list_accounts") await sandbox("GET", "/v1/accounts");
  await performTransactions(action, sandbox);
  if (action.kind === "use_standards")
    await callStandards({ ...config, persona: action.persona, log: (line) => console.log(`[careful] ${line}`) });
  if (action.kind === "customer_session") await customerSession(config, action.persona);
}

/** Follows the run (given, or the app's running one) until it ends; prints the report. */
async function follow() {
  let runId = config.runId;
  while (!runId) {
    const runs = await portalApi(`/api/apps/${config.appId}/readiness-runs?status=running`);
    runId = runs.data[0]?.id ?? null;
    if (!runId) await sleep(500);
  }
  const done = new Set();
  for (;;) {
    const run = await portalApi(`/api/apps/${config.appId}/readiness-runs/${runId}`);
    if (run.status !== "running") {
      console.log(JSON.stringify({ run: run.id, status: run.status, checks: run.checks.map((c) => [c.id, c.grade]) }));
      return run;
    }
    const check = run.checks.find((c) => c.id === run.current_check);
    if (check?.instruction && check.instruction.action.kind !== "none" && !done.has(check.id)) {
      done.add(check.id);
      console.log(`[careful] ${check.instruction.text}`);
      await perform(check.instruction.action).catch((error) => console.error(`[careful] ${error.message}`));
    }
    await sleep(300);
  }
}

receiver.listen(config.port, "127.0.0.1", () => {
  console.log(`[careful] webhook receiver on http://127.0.0.1:${config.port}/webhooks`);
  if (process.env.RECEIVER_ONLY) return;
  follow().then(
    () => process.exit(0),
    (error) => {
      console.error(`[careful] ${error.message}`);
      process.exit(1);
    },
  );
});
