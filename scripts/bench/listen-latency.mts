/**
 * npm run bench:listen — how long an event takes from the sandbox to a developer's laptop with
 * `openbank listen`: POST /v1/sandbox/webhooks/fire → the bank's outbox → the dispatcher's
 * ingest (polls every WEBHOOK_POLL_INTERVAL_MS, 200 ms in the test services) → the listen
 * session's stream (polls every 200 ms, lib/listen/stream-listen-deliveries.ts) → the built CLI
 * → a local HTTP receiver. Fires 100 events one after another (each waits for the previous to
 * arrive: latency unloaded, not throughput) and prints p50/p95/max. A measurement, not a test.
 *
 * Knobs: BENCH_EVENTS (100), BENCH_PORTAL_PORT / BENCH_BANK_PORT (3331 / 4331). Needs `npm run build`.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServices } from "../test-services.mjs";
import { PortalClient } from "../../tests/support/portal-client";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100);
const PORTAL_PORT = Number(process.env.BENCH_PORTAL_PORT ?? 3331);
const BANK_PORT = Number(process.env.BENCH_BANK_PORT ?? 4331);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  if (!existsSync(".next/BUILD_ID") || !existsSync("packages/cli/dist/main.js")) throw new Error("run `npm run build` first");
  const services = await startServices({ portalPort: PORTAL_PORT, bankPort: BANK_PORT, name: "bench-listen" });
  const configDir = mkdtempSync(path.join(tmpdir(), "openbank-bench-"));
  const arrived = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const at = performance.now();
    req.resume();
    req.on("end", () => {
      arrived.set(String(req.headers["webhook-id"]), at);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
  const child = { current: null as ReturnType<typeof spawn> | null };
  try {
    const { client } = await PortalClient.newDeveloper(services.portalUrl, "Bench");
    const created = await client.createApp("Listen latency");
    const token = (await client.json("POST", "/api/account/tokens", { name: "bench", scope: "write", expires_in_days: 7 })).body.secret;
    const cli = spawn(process.execPath, ["packages/cli/bin/openbank.mjs", "listen", "--forward-to", receiverUrl, "--json"], {
      env: {
        ...process.env,
        OPENBANK_CONFIG_DIR: configDir,
        OPENBANK_URL: services.portalUrl,
        OPENBANK_TOKEN: token,
        OPENBANK_APP: created.app.id,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.current = cli;
    await new Promise<void>((resolve) => cli.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes('"ready"') && resolve()));

    const latencies: number[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const firedAt = performance.now();
      const response = await fetch(`${services.portalUrl}/v1/sandbox/webhooks/fire`, {
        method: "POST",
        headers: { authorization: `Bearer ${created.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "payment.completed" }),
      });
      if (response.status !== 201) throw new Error(`fire answered ${response.status}`);
      const { id } = (await response.json()) as { id: string };
      const deadline = Date.now() + 30_000;
      while (!arrived.has(id)) {
        if (Date.now() > deadline) throw new Error(`event ${id} did not arrive in 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      latencies.push(arrived.get(id)! - firedAt);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`listen latency, fire → local receiver, ${EVENTS} events one at a time (dispatcher poll 200 ms, stream poll 200 ms):`);
    console.log(
      `  p50 ${percentile(sorted, 50).toFixed(0)} ms · p95 ${percentile(sorted, 95).toFixed(0)} ms · max ${sorted.at(-1)!.toFixed(0)} ms`,
    );
  } finally {
    child.current?.kill("SIGINT");
    receiver.close();
    rmSync(configDir, { recursive: true, force: true });
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
