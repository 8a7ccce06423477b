import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "") };

// Database-backed tests of the mock bank: each builds the Fastify app on a real SQLite (or
// PostgreSQL) database and seeds tenants, and the dispatcher tests run it beside real processes.
// They are the bank project (`npm run test:bank`), so the unit project stays fast.
const BANK_TESTS = [
  "mock-bank/test/**/*.test.ts",
  "mock-bank/src/domain/tenants/ensure-tenant.test.ts",
  "lib/webhooks/dispatcher.test.ts",
  "lib/webhooks/dispatcher-postgres.test.ts",
  // Every documented request example, sent to the bank in process.
  "lib/docs/documented-examples.test.ts",
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "mock-bank/**/*.test.ts", "components/**/*.test.ts", "packages/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...BANK_TESTS],
          environment: "node",
          pool: "forks",
          // Files share a worker's module cache instead of re-importing Prisma, zod schemas and
          // Next helpers per file (two thirds of the CPU). Safe while no unit test stubs globals or
          // env, and the one vi.mock (with-user) only keeps a module from loading. Check a change
          // with `vitest run --project unit --sequence.shuffle`.
          isolate: false,
          // The portal's own database tests (request logs, delivery claims) on a busy 2-core machine.
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "bank",
          include: BANK_TESTS,
          environment: "node",
          pool: "forks",
          // Each file builds its own app on its own database; what files share is the worker's
          // module cache (Fastify, Prisma's query compiler, the zod schemas): importing them once
          // per worker instead of per file saves most of the project's CPU.
          isolate: false,
          // Many of these seed a whole tenant (six personas, ~1,600 transactions) in their first
          // case: a few hundred ms alone, several seconds on a busy 2-core machine.
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "reliability",
          include: ["tests/reliability/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/reliability/global-setup.ts"],
          fileParallelism: false,
          // Each file is one long property or fault-injection run; sizes in tests/reliability/support/sizes.ts.
          testTimeout: 900_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
