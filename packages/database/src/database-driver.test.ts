import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "./create-prisma-client";
import { databaseDriver } from "./database-driver";

const dir = mkdtempSync(path.join(os.tmpdir(), "database-driver-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("databaseDriver", () => {
  it("finds the driver of a client registered through another copy of this module", async () => {
    // tsx loads the module once as ESM and once as CommonJS when a .mts script and the bank's .ts
    // files both import it: a second copy here (the query makes it another module instance).
    const copy: typeof import("./database-driver") = await import("./database-driver.ts?copy" as string);
    expect(copy.databaseDriver).not.toBe(databaseDriver);
    const db = createPrismaClient(`file:${path.join(dir, "copy.db")}`);
    try {
      expect((await databaseDriver(db))?.provider).toBe("sqlite");
      expect((await copy.databaseDriver(db))?.provider).toBe("sqlite");
    } finally {
      await db.$disconnect();
    }
  });

  it("knows no driver for a client it did not build", async () => {
    expect(await databaseDriver({} as never)).toBeNull();
  });
});
