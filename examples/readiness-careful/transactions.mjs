// The careful client's transaction sync, for the readiness checks `pagination` and `pending-booked`
// (Accounts & transactions guide §5): it follows next_cursor to the end, and keeps one entry per
// transaction id, so a re-read after the clock moved replaces a pending entry with the booked one.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Amounts as integer minor units: never add money as floating-point numbers. */
const toMinor = (amount) => {
  const [, sign, units, cents = ""] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  return (sign ? -1 : 1) * (Number(units) * 100 + Number(cents.padEnd(2, "0").slice(0, 2)));
};
const fromMinor = (minor) =>
  `${minor < 0 ? "-" : ""}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, "0")}`;

/** One GET answered 2xx: 429s are waited out by `sandbox`, 5xx retried here with backoff. */
async function getJson(sandbox, path, headers = {}) {
  for (let attempt = 0; ; attempt++) {
    const response = await sandbox("GET", path, { headers });
    if (response.ok) return response.json();
    if (response.status < 500 || attempt >= 4) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    await sleep(300 * 2 ** attempt);
  }
}

async function accountByNumber(sandbox, number) {
  const accounts = await getJson(sandbox, "/v1/accounts?type=current&limit=100");
  const account = accounts.data.find((candidate) => candidate.identifiers?.account_number === number);
  if (!account) throw new Error(`no current account numbered ${number}`);
  return account;
}

/** Every page of a listing, once each, in order: the first without a cursor, then each page's next_cursor until null. */
async function allPages(sandbox, path, query) {
  const transactions = [];
  let cursor = null;
  do {
    const params = new URLSearchParams(query);
    if (cursor) params.set("cursor", cursor);
    const page = await getJson(sandbox, `${path}?${params}`);
    transactions.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return transactions;
}

/** The store: one entry per transaction id (a real app keeps them in a table keyed by id). */
const ledger = new Map();
const hold = (transaction) => ledger.set(transaction.id, { status: transaction.status, minor: toMinor(transaction.amount.amount) });

async function fetchHistory(sandbox, { account_number, limit }) {
  const account = await accountByNumber(sandbox, account_number);
  const transactions = await allPages(sandbox, `/v1/accounts/${account.id}/transactions`, { limit: String(limit) });
  transactions.forEach(hold);
  console.log(`[careful] synced ${transactions.length} transactions of ${account_number}`);
}

async function pendingBooked(sandbox, { account_number }) {
  const account = await accountByNumber(sandbox, account_number);
  const before = await getJson(sandbox, "/v1/sandbox/clock");
  const pending = await allPages(sandbox, `/v1/accounts/${account.id}/transactions`, { status: "pending", limit: "100" });
  pending.forEach(hold);
  // The run moves the clock once it has seen that listing; wait for it (at most a minute).
  for (let i = 0; i < 60; i++) {
    await sleep(1_000);
    if ((await getJson(sandbox, "/v1/sandbox/clock")).offset_seconds > before.offset_seconds) break;
  }
  // Re-read from the oldest pending one's day: the same ids come back booked and replace their pending entries.
  const from = pending.map((transaction) => transaction.transacted_at.slice(0, 10)).sort()[0];
  if (from) (await allPages(sandbox, `/v1/accounts/${account.id}/transactions`, { from, limit: "100" })).forEach(hold);
  const totals = { pending: 0, booked: 0 };
  for (const { id } of pending) {
    const held = ledger.get(id);
    totals[held.status] += held.minor;
  }
  await getJson(sandbox, `/v1/accounts/${account.id}/balances`, {
    "readiness-report": `pending=${fromMinor(totals.pending)}; booked=${fromMinor(totals.booked)}`,
  });
}

/** Does what a data check asks; other actions are not this file's. */
export async function performTransactions(action, sandbox) {
  if (action.kind === "fetch_history") await fetchHistory(sandbox, action);
  if (action.kind === "pending_booked") await pendingBooked(sandbox, action);
}
