import { describe, expect, it, vi } from "vitest";
import { encodeSse, sseResponse, type SseMessage } from "./server-sent-events";

describe("sseResponse", () => {
  it("sends each message as it is yielded, and the problem as an error event when the producer fails", async () => {
    async function* messages(): AsyncGenerator<SseMessage> {
      yield { event: "ready", data: "{}" };
      throw new Error("boom");
    }
    const onError = vi.fn(() => ({ code: "internal_error" }));
    const response = sseResponse(messages(), { headers: new Headers(), controller: new AbortController(), onError });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await response.text()).toBe('event: ready\ndata: {}\n\nevent: error\ndata: {"code":"internal_error"}\n\n');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it("ends quietly when the client goes away while it waits for the next message (no error, the producer is stopped)", async () => {
    const controller = new AbortController();
    let release!: () => void;
    async function* messages(): AsyncGenerator<SseMessage> {
      yield { comment: "first" };
      await new Promise<void>((resolve) => (release = resolve));
      yield { comment: "after the client left" };
    }
    const onError = vi.fn(() => ({}));
    const reader = sseResponse(messages(), { headers: new Headers(), controller, onError }).body!.getReader();
    expect(await reader.read()).toMatchObject({ done: false, value: encodeSse({ comment: "first" }) });
    const pending = reader.read(); // a pull now waits inside the producer
    await new Promise((resolve) => setTimeout(resolve, 10));
    const cancelled = reader.cancel();
    release();
    await cancelled;
    expect(await pending).toMatchObject({ done: true });
    expect(controller.signal.aborted).toBe(true);
    expect(onError).not.toHaveBeenCalled();
  });
});
