/**
 * "Do this from code": the `/v1` call behind a Sandbox tab action, as a copyable curl against
 * the portal's public origin, authenticated with the app's key in `$SANDBOX_KEY`.
 */
export function sandboxCurl(origin: string, method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): string {
  const lines = [
    `curl${method === "GET" ? "" : ` -X ${method}`} ${origin.replace(/\/$/, "")}${path}`,
    `  -H "Authorization: Bearer $SANDBOX_KEY"`,
  ];
  if (body !== undefined) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`);
  }
  return lines.join(" \\\n");
}
