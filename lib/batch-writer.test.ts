import { describe, expect, it } from "vitest";
import { BatchWriter } from "./batch-writer";

describe("BatchWriter", () => {
  it("writes what is queued in batches of maxBatch, in order", async () => {
    const batches: number[][] = [];
    const writer = new BatchWriter<number>(async (items) => void batches.push(items), {
      name: "test",
      intervalMs: 60_000,
      maxBatch: 3,
      maxQueue: 100,
    });
    for (let i = 0; i < 7; i++) writer.push(i);
    await writer.flush();
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(writer.pending).toBe(0);
  });

  it("lets the event loop run between batches, so a long flush does not hold requests back", async () => {
    const events: string[] = [];
    const writer = new BatchWriter<number>(async (items) => void events.push(`write ${items.length}`), {
      name: "test",
      intervalMs: 60_000,
      maxBatch: 2,
      maxQueue: 100,
    });
    for (let i = 0; i < 4; i++) writer.push(i);
    setImmediate(() => events.push("request"));
    await writer.flush();
    expect(events).toEqual(["write 2", "request", "write 2"]);
  });

  it("drops the oldest items when the queue is full, and counts them", async () => {
    const written: number[] = [];
    const writer = new BatchWriter<number>(async (items) => void written.push(...items), {
      name: "test",
      intervalMs: 60_000,
      maxBatch: 10,
      maxQueue: 3,
    });
    for (let i = 0; i < 5; i++) writer.push(i);
    await writer.flush();
    expect(written).toEqual([2, 3, 4]);
    expect(writer.dropped).toBe(2);
  });

  it("keeps going after a failed batch (logged without its items)", async () => {
    const written: number[] = [];
    let calls = 0;
    const writer = new BatchWriter<number>(
      async (items) => {
        if (calls++ === 0) throw new Error("disk full");
        written.push(...items);
      },
      { name: "test", intervalMs: 60_000, maxBatch: 1, maxQueue: 10 },
    );
    writer.push(1);
    writer.push(2);
    await writer.flush();
    expect(written).toEqual([2]);
  });
});
