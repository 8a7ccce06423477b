import { describe, expect, it } from "vitest";
import { pickApp } from "./pick-app";

const apps = [
  { id: "app_old_busy", name: "Old busy", requests_24h: 40, created_at: "2026-11-01T00:00:00.000Z" },
  { id: "app_new_quiet", name: "New quiet", requests_24h: 0, created_at: "2026-11-20T00:00:00.000Z" },
  { id: "app_newer_quiet", name: "Newer quiet", requests_24h: 0, created_at: "2026-11-21T00:00:00.000Z" },
];

describe("pickApp", () => {
  it("keeps the reader's last choice while it is still one of their apps", () => {
    expect(pickApp(apps, "app_new_quiet")?.id).toBe("app_new_quiet");
    expect(pickApp(apps, "app_someone_elses")?.id).toBe("app_old_busy");
  });

  it("otherwise takes the most active app in the last 24 hours, then the newest", () => {
    expect(pickApp(apps, null)?.id).toBe("app_old_busy");
    expect(pickApp(apps.slice(1), null)?.id).toBe("app_newer_quiet");
  });

  it("has nothing to show without apps", () => {
    expect(pickApp([], "app_x")).toBeNull();
  });
});
