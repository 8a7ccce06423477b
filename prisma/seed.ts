/**
 * Seeds the portal with a demo developer so a fresh install can be explored at once.
 * Idempotent: an existing demo account is left as it is. The bank needs no seed here:
 * each app's sandbox tenant is created from the deterministic seed on its first call.
 */
import { createApp } from "@/lib/apps/create-app";
import { createAccount } from "@/lib/auth/create-account";
import { db } from "@/lib/db";
import { parsePortalEnv } from "@/lib/env";
import { startPortal } from "@/lib/runtime";
import { seedAdmin } from "./seed-admin";

export const DEMO = { name: "Demo Developer", email: "demo@example.com", password: "Open-banking-2026" };

async function seed() {
  console.log(await seedAdmin());
  const existing = await db().user.findUnique({ where: { email: DEMO.email }, select: { id: true } });
  if (existing) {
    console.log(`  demo developer: ${DEMO.email} / ${DEMO.password} (already seeded)`);
    return;
  }
  const user = await createAccount(DEMO);
  const { app, secret } = await createApp({
    actor: { userId: user.id, email: user.email, ip: "seed" },
    input: {
      name: "Demo budgeting app",
      description: "Reads accounts and transactions to build budgets.",
      redirect_uris: ["http://localhost:3000/playground/callback"],
    },
  });
  console.log(`  demo developer: ${DEMO.email} / ${DEMO.password}`);
  console.log(`  demo app ${app.id}, sandbox key (shown once): ${secret}`);
}

async function main() {
  const started = startPortal(parsePortalEnv(process.env));
  try {
    await seed();
  } finally {
    await started.close();
  }
}

main().catch((error) => {
  console.error(`seed failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
