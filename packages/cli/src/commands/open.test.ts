import { describe, expect, it } from "vitest";
import { CliError, EXIT } from "../errors.js";
import { pageUrl } from "./open.js";

describe("open's pages", () => {
  const base = { baseUrl: "http://portal.test" };
  it("docs, the dashboard (the chosen app's if any) and the chosen app's logs", () => {
    expect(pageUrl(base, "docs")).toBe("http://portal.test/docs");
    expect(pageUrl(base, "dashboard")).toBe("http://portal.test/dashboard");
    expect(pageUrl({ ...base, appId: "app_1" }, "dashboard")).toBe("http://portal.test/dashboard/apps/app_1");
    expect(pageUrl({ ...base, appId: "app_1" }, "logs")).toBe("http://portal.test/dashboard/apps/app_1/logs");
  });

  it("logs without a chosen app is a usage error", () => {
    let failure: unknown;
    try {
      pageUrl(base, "logs");
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).exitCode).toBe(EXIT.usage);
  });
});
