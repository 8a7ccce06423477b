import { afterEach, describe, expect, it, vi } from "vitest";
import { EXIT } from "../errors.js";
import { runCli } from "../program.js";

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("openbank events resend", () => {
  it("refuses an id that is not an event's (an empty `$(… | jq …)`) as a usage error, before any call", async () => {
    const fetch = vi.spyOn(globalThis, "fetch");
    const stderr: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true));
    for (const id of ["", "null", "dlv_123"]) {
      stderr.length = 0;
      process.exitCode = undefined;
      const code = await runCli([
        "node",
        "openbank",
        "events",
        "resend",
        id,
        "--app",
        "app_1",
        "--token",
        "pat_x",
        "--base-url",
        "http://127.0.0.1:9",
      ]);
      expect(code, id).toBe(EXIT.usage);
      expect(stderr.join(""), id).toContain("is not an event id (evt_…)");
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});
