/**
 * The answer of a machine-readable doc: its media type in UTF-8, cacheable for five minutes by
 * anyone (the text is public and the same for every request), readable from other origins
 * (assistants fetch it from anywhere, as `/openapi.json` is).
 */
export function textResponse(text: string, mediaType: "text/plain" | "text/markdown", status = 200): Response {
  return new Response(text, {
    status,
    headers: {
      "content-type": `${mediaType}; charset=utf-8`,
      "cache-control": status === 200 ? "public, max-age=300" : "public, max-age=60",
      "access-control-allow-origin": "*",
      "x-content-type-options": "nosniff",
    },
  });
}
