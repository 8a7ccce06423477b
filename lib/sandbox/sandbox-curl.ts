/**
 * "Do this from code": the `/v1` call behind a Sandbox tab action, as a copyable curl against
 * the portal's public origin, authenticated with the app's key in `$SANDBOX_KEY`.
 */
export function sandboxCurl(
  origin: string,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  body?: unknown,
  options: { idempotent?: boolean } = {},
): string {
  const lines = [
    `curl${method === "GET" ? "" : ` -X ${method}`} ${origin.replace(/\/$/, "")}${path}`,
    `  -H "Authorization: Bearer $SANDBOX_KEY"`,
    ...(options.idempotent ? [`  -H "Idempotency-Key: $(uuidgen)"`] : []),
  ];
  if (body === undefined) return lines.join(" \\\n");
  lines.push(`  -H "Content-Type: application/json"`);
  const compact = JSON.stringify(body);
  // A short body inline; a document as a here-document, readable and pasteable as it is.
  if (compact.length <= 60) return [...lines, `  -d '${compact.replaceAll("'", "'\\''")}'`].join(" \\\n");
  return `${[...lines, "  --data-binary @- <<'JSON'"].join(" \\\n")}\n${JSON.stringify(body, null, 2)}\nJSON`;
}
