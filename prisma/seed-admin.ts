/**
 * Ensures the platform admin account exists (admin console, go-live reviews, suspensions).
 *   npx tsx prisma/seed-admin.ts                  → admin@example.com (password below, local only)
 *   npx tsx prisma/seed-admin.ts someone@bank.com → makes an existing user a platform admin
 * Run by `npm run db:seed` and by the test services.
 */
import { createAccount } from "@/lib/auth/create-account";
import { db } from "@/lib/db";
import { parsePortalEnv } from "@/lib/env";
import { startPortal } from "@/lib/runtime";

export const ADMIN = { name: "Platform Admin", email: "admin@example.com", password: "Programme-Review-2026" };

export async function seedAdmin(email?: string): Promise<string> {
  if (email) {
    const { count } = await db().user.updateMany({ where: { email: email.toLowerCase() }, data: { platformAdmin: true } });
    if (count === 0) throw new Error(`no user with email ${email}: sign up first`);
    return `  platform admin: ${email} (granted)`;
  }
  const existing = await db().user.findUnique({ where: { email: ADMIN.email }, select: { id: true } });
  const id = existing?.id ?? (await createAccount(ADMIN)).id;
  await db().user.update({ where: { id }, data: { platformAdmin: true } });
  return `  platform admin: ${ADMIN.email} / ${ADMIN.password}${existing ? " (already seeded)" : ""}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const run = async () => {
    const started = startPortal(parsePortalEnv(process.env));
    try {
      console.log(await seedAdmin(process.argv[2]));
    } finally {
      await started.close();
    }
  };
  run().catch((error) => {
    console.error(`admin seed failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
