/**
 * Live-activity figures: a fresh sandbox with live activity on, the clock advanced one day at
 * a time for DAYS days; per sandbox day, the statement lines live activity made (per persona
 * and in total) and the webhook events the outbox holds. `npx tsx mock-bank/scripts/live-activity-figures.mts [days]`.
 */
import { buildTestApp, gatewayHeaders } from "../test/helpers";

const DAYS = Number(process.argv[2] ?? 30);
const NOW = new Date("2026-11-21T10:30:00.000Z");
const tenant = "app_figures";

const t = await buildTestApp({ now: () => NOW });
const call = (method: "PATCH" | "POST", url: string, body: unknown) =>
  t.app.inject({ method, url, headers: gatewayHeaders(tenant, { "content-type": "application/json" }), payload: JSON.stringify(body) });
try {
  await call("PATCH", "/v1/sandbox/settings", { live_activity: true });
  const personas = new Map(
    (await t.app.db.bankCustomer.findMany({ where: { tenantId: tenant }, select: { id: true, persona: true } })).map((c) => [
      c.id,
      c.persona ?? "custom",
    ]),
  );
  const perPersona = new Map<string, number>();
  let lines = 0;
  let events = 0;
  const eventTypes = new Map<string, number>();
  for (let day = 1; day <= DAYS; day++) {
    const before = new Date(NOW.getTime() + (day - 1) * 86_400_000);
    const reply = await call("POST", "/v1/sandbox/clock/advance", { days: 1 });
    if (reply.statusCode !== 200) throw new Error(reply.body);
    const made = await t.app.db.bankTransaction.findMany({
      where: { tenantId: tenant, createdAt: { gt: before } },
      select: { account: { select: { customerId: true } } },
    });
    for (const line of made) {
      const persona = personas.get(line.account.customerId ?? "") ?? "?";
      perPersona.set(persona, (perPersona.get(persona) ?? 0) + 1);
    }
    const dayEvents = await t.app.db.bankEvent.groupBy({
      by: ["type"],
      where: { tenantId: tenant, createdAt: { gt: before } },
      _count: { _all: true },
    });
    for (const row of dayEvents) eventTypes.set(row.type, (eventTypes.get(row.type) ?? 0) + row._count._all);
    const dayEventCount = dayEvents.reduce((sum, row) => sum + row._count._all, 0);
    lines += made.length;
    events += dayEventCount;
  }
  console.log(`${DAYS} sandbox days, live activity on (clock/advance one day at a time)`);
  console.log("statement lines made as the days passed (live activity, and the clock's interest), per persona (total, per day):");
  for (const [persona, count] of [...perPersona].sort())
    console.log(`  ${persona.padEnd(16)} ${String(count).padStart(5)}  ${(count / DAYS).toFixed(1)}/day`);
  console.log(`  ${"total".padEnd(16)} ${String(lines).padStart(5)}  ${(lines / DAYS).toFixed(1)}/day`);
  console.log(`webhook events (outbox), total ${events}, ${(events / DAYS).toFixed(1)}/day:`);
  for (const [type, count] of [...eventTypes].sort())
    console.log(`  ${type.padEnd(24)} ${String(count).padStart(5)}  ${(count / DAYS).toFixed(1)}/day`);
} finally {
  await t.close();
}
