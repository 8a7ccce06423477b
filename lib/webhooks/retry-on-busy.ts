/**
 * SQLite lets one process write at a time, and the portal and the dispatcher are two processes
 * on one file: a transaction that read first and then wants to write can get SQLITE_BUSY at
 * once (SQLite refuses to wait where waiting could deadlock). Such a transaction changed
 * nothing, so running it again is safe. PostgreSQL never needs this.
 *
 * Prisma's better-sqlite3 adapter reports SQLITE_BUSY as a `SocketTimeout`: a P1008 "Operation
 * has timed out" whose `meta.driverAdapterError` says so. Unrecognised, it failed a dispatcher
 * tick after its batch was claimed from the bank's outbox, and those events then waited for the
 * claim's 60 s lease (seen as a listen stall in `npm run bench:listen`).
 */
export function isBusyError(error: unknown): boolean {
  const known = error as {
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  };
  const text = `${known?.code ?? ""} ${known?.message ?? ""}`;
  if (/SQLITE_BUSY|database is locked|Unable to start a transaction in the given time/i.test(text)) return true;
  const cause = known?.meta?.driverAdapterError?.cause;
  return known?.code === "P1008" && (cause?.kind === "SocketTimeout" || /^SQLITE_BUSY/.test(String(cause?.originalCode ?? "")));
}

export async function retryOnBusy<T>(
  work: () => Promise<T>,
  options: { attempts?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const attempts = options.attempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isBusyError(error)) throw error;
      await sleep(25 * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}
