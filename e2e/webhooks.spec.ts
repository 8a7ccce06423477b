import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";
import { Webhook } from "standardwebhooks";
import { createApp, screenshotPage, signUp } from "./helpers";

test("register a webhook endpoint, fire an event, see the delivery and resend it", async ({ page, request }) => {
  // A local receiver that verifies every delivery with the Standard Webhooks library.
  let secret = "";
  const received: { id: string; verified: boolean }[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let verified = false;
      try {
        new Webhook(secret).verify(Buffer.concat(chunks).toString("utf8"), req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ id: String(req.headers["webhook-id"]), verified });
      res.writeHead(verified ? 200 : 401).end(verified ? "received" : "bad signature");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  try {
    await signUp(page);
    const reveal = await createApp(page, "Webhook app");
    const key = await reveal.getByTestId("revealed-secret").inputValue();
    await page.getByRole("button", { name: "I've stored it" }).click();

    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
    await dialog.getByLabel("Endpoint URL").fill(url);
    await dialog.getByLabel("Description").fill("Local receiver");
    await dialog.getByRole("checkbox", { name: "payment.completed" }).check();
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    const added = page.getByRole("dialog", { name: "Endpoint added" });
    secret = await added.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshotPage(page, "webhook-endpoint-secret");
    await added.getByRole("button", { name: "I've stored it" }).click();
    await page.waitForURL(/\/webhooks\/ep_[0-9A-Za-z]+$/);
    await expect(page.getByTestId("endpoint-url")).toHaveText(url);

    // Fire an event through the gateway with the app's key.
    const fired = await request.post("/v1/sandbox/webhooks/fire", {
      headers: { Authorization: `Bearer ${key}` },
      data: { type: "payment.completed" },
    });
    expect(fired.status()).toBe(201);
    const event = (await fired.json()) as { id: string };

    // The delivery log refreshes by itself; the delivery shows up as succeeded.
    const row = page.getByTestId("deliveries-table").locator(`tr[data-delivery-id]`, { hasText: event.id });
    await expect(row).toContainText("Succeeded", { timeout: 20_000 });
    await expect(row.getByTestId("attempt-count")).toHaveText("1");
    expect(received).toEqual([{ id: event.id, verified: true }]);

    await row.getByRole("button", { name: "Details" }).click();
    const detail = page.getByTestId("delivery-detail");
    await expect(detail).toContainText(`webhook-id: ${event.id}`);
    await expect(detail).toContainText("received");

    // Resend: a second attempt with the same webhook-id.
    await row.getByRole("button", { name: "Resend" }).click();
    await expect(row.getByTestId("attempt-count")).toHaveText("2");
    await expect(detail.getByTestId("attempt")).toHaveCount(2);
    await expect(detail).toContainText("resent by hand");
    expect(received).toEqual([
      { id: event.id, verified: true },
      { id: event.id, verified: true },
    ]);

    // The status filter: nothing failed.
    await page.getByRole("button", { name: "Failed", exact: true }).click();
    await expect(page.getByText("No failed deliveries")).toBeVisible();
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
