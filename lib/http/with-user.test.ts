import { describe, expect, it, vi } from "vitest";
import { startTestPortal } from "@/tests/support/test-portal";
import { createWithUser } from "./with-user";

vi.mock("@/lib/auth/get-current-user", () => ({ getCurrentUser: async () => null }));

const ada = { id: "usr_1", email: "ada@example.com", name: "Ada" };
const origin = new URL(startTestPortal().env.PORTAL_URL).origin;

function call(withUser: ReturnType<typeof createWithUser>, init: RequestInit & { headers?: Record<string, string> }) {
  const handler = withUser<{ appId: string }>(async ({ user, params }) => Response.json({ user: user.id, app: params.appId }));
  return handler(new Request(`${origin}/api/apps/app_1`, init), { params: Promise.resolve({ appId: "app_1" }) });
}

describe("withUser", () => {
  it("passes the user and the resolved params", async () => {
    const response = await call(createWithUser(async () => ada), { method: "POST", headers: { origin } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: "usr_1", app: "app_1" });
  });

  it("answers 401 unauthenticated without a session", async () => {
    const response = await call(createWithUser(async () => null), { method: "GET" });
    expect(response.status).toBe(401);
    expect((await response.json()).code).toBe("unauthenticated");
  });

  it("refuses a cross-site mutation with 403 before looking at the session", async () => {
    const getUser = vi.fn(async () => ada);
    const response = await call(createWithUser(getUser), { method: "DELETE", headers: { origin: "https://evil.example" } });
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe("forbidden");
    expect(getUser).not.toHaveBeenCalled();
  });
});
