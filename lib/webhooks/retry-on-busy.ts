/**
 * SQLite lets one process write at a time, and the portal and the dispatcher are two processes
 * on one file: a transaction that read first and then wants to write can get SQLITE_BUSY at
 * once (SQLite refuses to wait where waiting could deadlock). Such a transaction changed
 * nothing, so running it again is safe. PostgreSQL never needs this.
 */
export function isBusyError(error: unknown): boolean {
  const text = `${(error as { code?: unknown })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /SQLITE_BUSY|database is locked|Unable to start a transaction in the given time/i.test(text);
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
