import { parentPort, workerData } from "node:worker_threads";
import { createPrismaClient } from "@openbank/database/create-prisma-client";
import { parsePortalEnv } from "../env";
import type { FromLogThread, ToLogThread } from "./request-log-thread";
import { createRequestLogWriter, type RequestLogWriterOptions } from "./request-log-writer";
import { toLogRow } from "./to-log-row";

/** The log thread: masks what the request thread queued and writes it on its own connection. */
const options = workerData as Omit<RequestLogWriterOptions, "db"> & { databaseUrl: string };
// Route matching reads the bank's contract through `env()` (the process's portal slot, which this
// thread does not share): the same settings, parsed from this thread's copy of the environment.
// Without them routes stay unmatched (null), as when the bank is unreachable.
try {
  (globalThis as { openbankPortal?: unknown }).openbankPortal ??= { env: parsePortalEnv(process.env) };
} catch (error) {
  port().postMessage({ type: "failed", message: `routes will not be matched: ${(error as Error).message}` } satisfies FromLogThread);
}
const db = createPrismaClient(options.databaseUrl);
const writer = createRequestLogWriter({ ...options, db });
function port() {
  return parentPort!;
}
const reply = (message: FromLogThread) => port().postMessage(message);

port().on("message", (message: ToLogThread) => {
  switch (message.type) {
    case "logs":
      for (const entry of message.entries) {
        try {
          writer.push(toLogRow(entry));
        } catch (error) {
          // A bug in masking: the call is not logged (never stored unmasked); its id is enough to find it.
          reply({ type: "failed", message: `could not mask ${entry.requestId}: ${(error as Error).message}` });
        }
      }
      return;
    case "flush":
      void writer.flush().then(() => reply({ type: "flushed", id: message.id }));
      return;
    case "close":
      void writer
        .flush()
        .then(() => db.$disconnect())
        .finally(() => reply({ type: "flushed", id: message.id }));
      return;
  }
});
reply({ type: "ready" });
