import { buildApp } from "./app";
import { parseBankEnv } from "./env";
import { loadEnvFiles } from "./load-env-files";

/** Starts the mock bank and closes it gracefully (in-flight requests, DB) on SIGINT/SIGTERM. */
async function main() {
  loadEnvFiles();
  // The settings, parsed once, here: a bad value stops the bank with a message naming it.
  const env = parseBankEnv(process.env);
  const app = await buildApp({ env });

  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, "shutting down");
      const timer = setTimeout(() => process.exit(1), 10_000);
      timer.unref();
      app.close().then(
        () => process.exit(0),
        (error) => {
          app.log.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }

  await app.listen({ host: env.BANK_HOST, port: env.BANK_PORT });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
