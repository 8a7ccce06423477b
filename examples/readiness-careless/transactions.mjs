// The careless client's transaction sync, for the readiness checks `pagination` and `pending-booked`
// to fail: it reads the first page and never follows next_cursor, and it stores an entry per
// (id, status), so a transaction it saw pending is held again, next to it, once it has booked.
// Do not copy it.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const toMinor = (amount) => Math.round(Number(amount) * 100);
const fromMinor = (minor) => (minor / 100).toFixed(2);

async function getJson(sandbox, path, headers = {}) {
  const response = await sandbox("GET", path, { headers });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response.json();
}

async function accountByNumber(sandbox, number) {
  const accounts = await getJson(sandbox, "/v1/accounts?type=current&limit=100");
  return accounts.data.find((candidate) => candidate.identifiers?.account_number === number);
}

/** Entries keyed by id and status: the bug. */
const entries = new Map();
const hold = (transaction) => entries.set(`${transaction.id}:${transaction.status}`, transaction);

async function fetchHistory(sandbox, { account_number, limit }) {
  const account = await accountByNumber(sandbox, account_number);
  // One page is surely everything.
  (await getJson(sandbox, `/v1/accounts/${account.id}/transactions?limit=${limit}`)).data.forEach(hold);
}

async function pendingBooked(sandbox, { account_number }) {
  const account = await accountByNumber(sandbox, account_number);
  const before = await getJson(sandbox, "/v1/sandbox/clock");
  const pending = (await getJson(sandbox, `/v1/accounts/${account.id}/transactions?status=pending&limit=100`)).data;
  pending.forEach(hold);
  for (let i = 0; i < 60; i++) {
    await sleep(1_000);
    if ((await getJson(sandbox, "/v1/sandbox/clock")).offset_seconds > before.offset_seconds) break;
  }
  (await getJson(sandbox, `/v1/accounts/${account.id}/transactions?status=booked&limit=100`)).data.forEach(hold);
  const ids = new Set(pending.map((transaction) => transaction.id));
  const totals = { pending: 0, booked: 0 };
  for (const entry of entries.values()) if (ids.has(entry.id)) totals[entry.status] += toMinor(entry.amount.amount);
  await getJson(sandbox, `/v1/accounts/${account.id}/balances`, {
    "readiness-report": `pending=${fromMinor(totals.pending)}; booked=${fromMinor(totals.booked)}`,
  });
}

export async function performTransactions(action, sandbox) {
  if (action.kind === "fetch_history") await fetchHistory(sandbox, action);
  if (action.kind === "pending_booked") await pendingBooked(sandbox, action);
}
