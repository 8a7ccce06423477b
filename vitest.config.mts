import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, "") };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "mock-bank/**/*.test.ts", "components/**/*.test.ts", "packages/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          // Many mock-bank tests seed a whole tenant (six personas, ~1,600 transactions) in their
          // first case: a few hundred ms alone, several seconds on a busy 2-core machine.
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
