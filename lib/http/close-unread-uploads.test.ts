import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkedUpload, HUGE_UPLOAD_BYTES } from "@/tests/support/chunked-upload";
import { closeUnreadUploads } from "./close-unread-uploads";

describe("closeUnreadUploads", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    // Answers at once without reading the body, as a 401 before the body is read does.
    server = createServer((request, response) => {
      if (request.url !== "/unguarded") closeUnreadUploads(request, response);
      // A 413 says `Connection: close` (Node then closes by itself); a 401 answers before reading.
      if (request.url === "/too-large")
        response.writeHead(413, { "content-type": "application/problem+json", connection: "close" }).end('{"code":"payload_too_large"}');
      else response.writeHead(401, { "content-type": "application/problem+json" }).end('{"code":"unauthenticated"}');
    });
    // Long enough that only the guard, not Node's idle timer, can end the connection within the test.
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("closes the connection after an answer sent before the body arrived: the rest of a 48 MiB upload is never read", async () => {
    const upload = await chunkedUpload(`${base}/guarded`);
    expect(upload.status).toBe(401);
    expect(upload.sentBeforeAnswer!).toBeLessThan(HUGE_UPLOAD_BYTES);
    expect(upload.completed, `sent ${upload.sent} bytes`).toBe(false);
  });

  it("answers every time before closing (a lingering close: FIN after the answer, the reset only later), with or without Connection: close", async () => {
    for (let i = 0; i < 5; i++) {
      for (const path of ["/guarded", "/too-large"]) {
        const upload = await chunkedUpload(`${base}${path}`);
        expect(upload.status, `${path} #${i}: no answer (sent ${upload.sent})`).toBe(path === "/guarded" ? 401 : 413);
        expect(upload.body).toContain(path === "/guarded" ? "unauthenticated" : "payload_too_large");
        expect(upload.completed).toBe(false);
      }
    }
  }, 30_000);

  it("(without it, the stalled upload keeps its connection until the client gives up)", async () => {
    await expect(chunkedUpload(`${base}/unguarded`, { timeoutMs: 3_000 })).rejects.toThrow(/not closed within 3000 ms \(answer: 401/);
  });

  it("leaves a request whose body was read in full alone", async () => {
    const response = await fetch(`${base}/guarded`, { method: "POST", body: "small" });
    expect(response.status).toBe(401);
    expect(response.headers.get("connection")).toBe("keep-alive");
  });

  it("keeps the connection of a small declared body that arrives after the answer: Node drains it, the next request is served", async () => {
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const until = async (count: number) => {
      for (let i = 0; i < 200 && (received.match(/HTTP\/1\.1 401/g) ?? []).length < count; i++) await new Promise((r) => setTimeout(r, 10));
    };
    // The headers alone: the answer leaves before the body (request.complete is false at "finish").
    socket.write("POST /guarded HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n");
    await until(1);
    socket.write("small");
    // A second request on the same connection, as a keep-alive client sends it.
    socket.write("GET /guarded HTTP/1.1\r\nHost: test\r\n\r\n");
    await until(2);
    socket.destroy();
    expect((received.match(/HTTP\/1\.1 401/g) ?? []).length).toBe(2);
    expect(received).not.toMatch(/connection: close/i);
  });
});
