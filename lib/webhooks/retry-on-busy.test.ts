import { describe, expect, it } from "vitest";
import { isBusyError, retryOnBusy } from "./retry-on-busy";

const noWait = async () => undefined;

describe("retryOnBusy", () => {
  it("runs the work again while SQLite reports it busy, then returns its result", async () => {
    let calls = 0;
    const result = await retryOnBusy(
      async () => {
        calls++;
        if (calls < 3) throw Object.assign(new Error("SqliteError: database is locked"), { code: "SQLITE_BUSY" });
        return "done";
      },
      { sleep: noWait },
    );
    expect({ result, calls }).toEqual({ result: "done", calls: 3 });
  });

  it("gives up after the last attempt, and never retries other errors", async () => {
    let calls = 0;
    const busy = () =>
      retryOnBusy(
        async () => {
          calls++;
          throw new Error("database is locked");
        },
        { attempts: 4, sleep: noWait },
      );
    await expect(busy()).rejects.toThrow("database is locked");
    expect(calls).toBe(4);
    calls = 0;
    await expect(
      retryOnBusy(
        async () => {
          calls++;
          throw new Error("Unique constraint failed");
        },
        { sleep: noWait },
      ),
    ).rejects.toThrow("Unique");
    expect(calls).toBe(1);
    expect(isBusyError({ code: "P2034", message: "Transaction failed due to a write conflict" })).toBe(false);
  });

  it("knows SQLITE_BUSY as Prisma's better-sqlite3 adapter reports it (P1008, a SocketTimeout), and no other P1008", () => {
    const adapterBusy = {
      code: "P1008",
      message: "Invalid `prisma.webhookEvent.upsert()` invocation:\n\nOperation has timed out",
      meta: { modelName: "WebhookEvent", driverAdapterError: { name: "DriverAdapterError", cause: { kind: "SocketTimeout" } } },
    };
    expect(isBusyError(adapterBusy)).toBe(true);
    expect(isBusyError({ ...adapterBusy, meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } } })).toBe(false);
    expect(isBusyError({ code: "P1008", message: "Operation has timed out" })).toBe(false);
  });
});
