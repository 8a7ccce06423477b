import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { expectProblem } from "../support/contract";
import { PortalClient } from "../support/portal-client";
import { suiteMailbox } from "../support/suite-mailbox";

const portalUrl = inject("portalUrl");
const uniqueEmail = () => `dev-${randomBytes(5).toString("hex")}@example.com`;

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${portalUrl}${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", origin: portalUrl, ...headers },
  });
}

describe("sign-up", () => {
  it("creates a developer with a personal team, answering 202 with nothing about the account", async () => {
    const email = uniqueEmail();
    const response = await post("/api/signup", JSON.stringify({ name: "Ada", email, password: "Correct-horse-42" }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: true });
    const ada = new PortalClient(portalUrl);
    await ada.signIn(email, "Correct-horse-42");
    const account = await ada.json("GET", "/api/account");
    expect(account.body).toMatchObject({ email, name: "Ada" });
    expect(JSON.stringify(account.body)).not.toMatch(/\$2[aby]\$/);
  });

  it("rejects a weak password and a bad email with field pointers", async () => {
    const problem = await expectProblem(
      await post("/api/signup", JSON.stringify({ name: "Ada", email: "nope", password: "short" })),
      400,
      "validation_failed",
    );
    const pointers = problem.errors.map((error) => error.pointer);
    expect(pointers).toContain("/body/email");
    expect(pointers).toContain("/body/password");
  });

  it("answers a taken email, whatever its case, exactly as a new one, changes nothing and mails the owner instead", async () => {
    const email = uniqueEmail();
    const first = await post("/api/signup", JSON.stringify({ name: "Ada", email, password: "Correct-horse-42" }));
    const mark = suiteMailbox().mark();
    const again = await post("/api/signup", JSON.stringify({ name: "Eve", email: email.toUpperCase(), password: "Other-horse-42" }));
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(await again.text()).toBe(await first.text());
    const notice = await suiteMailbox().next({ to: email, subject: "Someone tried to sign up" }, { after: mark });
    expect(notice.text).toContain("Hi Ada,");
    expect(notice.text).toContain(`${portalUrl}/forgot-password`);
    // The account is as it was: Eve's password does not open it, Ada's does.
    expect((await new PortalClient(portalUrl).signInWith("credentials", { email, password: "Other-horse-42" })).error).toBe(
      "CredentialsSignin",
    );
    const ada = new PortalClient(portalUrl);
    await ada.signIn(email, "Correct-horse-42");
    expect((await ada.json("GET", "/api/account")).body.name).toBe("Ada");
  });

  it("answers malformed bodies with 400/415 problems, never a 500", async () => {
    await expectProblem(await post("/api/signup", "{oops"), 400, "malformed_json");
    await expectProblem(
      await post("/api/signup", "name=a", { "content-type": "application/x-www-form-urlencoded" }),
      415,
      "unsupported_media_type",
    );
    await expectProblem(await post("/api/signup", "[]"), 400, "validation_failed");
  });
});

describe("portal API security", () => {
  it("requires a session", async () => {
    await expectProblem(await fetch(`${portalUrl}/api/apps`), 401, "unauthenticated");
    await expectProblem(await post("/api/apps", JSON.stringify({ name: "x" })), 401, "unauthenticated");
  });

  it("refuses cross-site mutations even with a valid session (CSRF)", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl);
    const response = await fetch(`${portalUrl}/api/apps`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: client.cookieHeader, origin: "https://evil.example" },
      body: JSON.stringify({ name: "Evil app" }),
    });
    await expectProblem(response, 403, "forbidden");
    const { body } = await client.json("GET", "/api/apps");
    expect(body.data).toEqual([]);
  });

  it("validates app input with pointers, including each redirect URI", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl);
    const response = await client.request("POST", "/api/apps", {
      name: "A",
      redirect_uris: ["https://ok.example/cb", "http://evil.example/cb", "https://x.example/#frag"],
    });
    const problem = await expectProblem(response, 400, "validation_failed");
    expect(problem.errors.map((error) => error.pointer).sort()).toEqual(["/body/name", "/body/redirect_uris/1", "/body/redirect_uris/2"]);
  });

  it("hides other developers' apps: 404, not 403", async () => {
    const [owner, stranger] = await Promise.all([PortalClient.newDeveloper(portalUrl), PortalClient.newDeveloper(portalUrl)]);
    const { app } = await owner.client.createApp();
    for (const path of [`/api/apps/${app.id}`, `/api/apps/${app.id}/keys`, `/api/apps/${app.id}/requests`]) {
      await expectProblem(await stranger.client.request("GET", path), 404, "resource_not_found");
    }
    await expectProblem(await stranger.client.request("POST", `/api/apps/${app.id}/keys`, { name: "mine now" }), 404, "resource_not_found");
  });

  it("shows a new key's secret once: listing keys never includes it", async () => {
    const { client } = await PortalClient.newDeveloper(portalUrl);
    const { app, secret } = await client.createApp();
    const { body } = await client.json("GET", `/api/apps/${app.id}/keys`);
    expect(body.data).toHaveLength(1);
    expect(JSON.stringify(body)).not.toContain(secret);
    expect(body.data[0].prefix).toBe(`${secret.slice(0, 15)}…${secret.slice(-4)}`);
  });
});
