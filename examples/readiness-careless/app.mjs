// A careless integration, for readiness runs to fail: its receiver checks no signature, handles
// every delivery (no dedupe) and takes each event's state as the latest; its client makes a new
// Idempotency-Key on every retry, retries at once and ignores Retry-After. Do not copy it.
// No build step: `node app.mjs` (README.md).
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { performTransactions } from "./transactions.mjs";
import { callStandards } from "./standards.mjs";
import { customerSession } from "./customer-session.mjs";

const config = {
  portal: process.env.OPENBANK_URL ?? "http://localhost:3000",
  token: required("OPENBANK_TOKEN"),
  apiKey: required("OPENBANK_API_KEY"),
  appId: required("OPENBANK_APP"),
  port: Number(process.env.PORT ?? 8788),
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
const payments = new Map();

// No signature check, no dedupe, the last event wins.
const receiver = createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const event = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const object = event.data?.object ?? {};
    if (object.id) payments.set(object.id, object.status);
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ processed: request.headers["webhook-id"], duplicate: false, state: payments.get(object.id) ?? null }));
  });
});

async function portalApi(path) {
  const response = await fetch(`${config.portal}${path}`, {
    headers: { authorization: `Bearer ${config.token}`, accept: "application/json" },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const sandbox = (method, path, { body, headers = {} } = {}) =>
  fetch(`${config.portal}${path}`, {
    method,
    headers: { authorization: `Bearer ${config.apiKey}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function perform(action) {
  if (action.kind === "use_standards") await callStandards({ ...config, persona: action.persona });
  if (action.kind === "create_payment") {
    const accounts = await (await sandbox("GET", "/v1/accounts?type=current&limit=100")).json();
    const body = {
      debtor_account_id: accounts.data.find((account) => account.status === "active").id,
      amount: { amount: action.amount, currency: action.currency },
      creditor: { type: "sort_code", name: "Readiness Ltd", sort_code: "040004", account_number: "12345678" },
    };
    // A new key on every attempt, no wait between them.
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await sandbox("POST", "/v1/payments", { body, headers: { "idempotency-key": randomUUID() } });
      if (response.status < 500) return;
    }
  }
  if (action.kind === "list_accounts") {
    // Retry-After? Never heard of it.
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await sandbox("GET", "/v1/accounts")).status !== 429) return;
    }
  }
  await performTransactions(action, sandbox);
  if (action.kind === "customer_session") await customerSession(config, action.persona);
}

async function follow() {
  let runId = config.runId;
  while (!runId) {
    runId = (await portalApi(`/api/apps/${config.appId}/readiness-runs?status=running`)).data[0]?.id ?? null;
    if (!runId) await sleep(500);
  }
  const done = new Set();
  for (;;) {
    const run = await portalApi(`/api/apps/${config.appId}/readiness-runs/${runId}`);
    if (run.status !== "running") {
      console.log(JSON.stringify({ run: run.id, status: run.status, checks: run.checks.map((c) => [c.id, c.grade]) }));
      return;
    }
    const check = run.checks.find((c) => c.id === run.current_check);
    if (check?.instruction && check.instruction.action.kind !== "none" && !done.has(check.id)) {
      done.add(check.id);
      await perform(check.instruction.action).catch((error) => console.error(`[careless] ${error.message}`));
    }
    await sleep(300);
  }
}

receiver.listen(config.port, "127.0.0.1", () => {
  console.log(`[careless] webhook receiver on http://127.0.0.1:${config.port}/webhooks`);
  if (process.env.RECEIVER_ONLY) return;
  follow().then(
    () => process.exit(0),
    (error) => {
      console.error(`[careless] ${error.message}`);
      process.exit(1);
    },
  );
});
