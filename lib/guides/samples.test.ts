import { describe, expect, it } from "vitest";
import { extractSamples, fillPlaceholders } from "./samples";

const body = `Intro.

\`\`\`bash
export SANDBOX_KEY="sk_sandbox_…"
\`\`\`

<Samples>
\`\`\`bash
curl "{{BASE_URL}}/v1/accounts"
\`\`\`

\`\`\`js
await fetch("{{BASE_URL}}/v1/accounts");
\`\`\`

\`\`\`python
requests.get("{{BASE_URL}}/v1/accounts")
\`\`\`
</Samples>

<Samples expect="error">
\`\`\`bash
curl "{{BASE_URL}}/v1/accounts?limit=1000"
\`\`\`
</Samples>
`;

describe("extractSamples", () => {
  it("takes the fenced blocks inside <Samples> groups, numbered by group, and skips set-up fences outside", () => {
    expect(extractSamples(body)).toEqual([
      { step: 1, language: "curl", code: 'curl "{{BASE_URL}}/v1/accounts"', expectError: false },
      { step: 1, language: "node", code: 'await fetch("{{BASE_URL}}/v1/accounts");', expectError: false },
      { step: 1, language: "python", code: 'requests.get("{{BASE_URL}}/v1/accounts")', expectError: false },
      { step: 2, language: "curl", code: 'curl "{{BASE_URL}}/v1/accounts?limit=1000"', expectError: true },
    ]);
  });
});

describe("fillPlaceholders", () => {
  it("fills the base URL (without a trailing slash), the app id and key prefix, or neutral placeholders", () => {
    const code = "{{BASE_URL}}/v1 {{APP_ID}} {{KEY_PREFIX}}";
    expect(fillPlaceholders(code, { baseUrl: "https://dev.example/", appId: "app_1", keyPrefix: "sk_sandbox_AbCd…wxyz" })).toBe(
      "https://dev.example/v1 app_1 sk_sandbox_AbCd…wxyz",
    );
    expect(fillPlaceholders(code, { baseUrl: "http://localhost:3000", appId: null, keyPrefix: null })).toBe(
      "http://localhost:3000/v1 app_… sk_sandbox_…",
    );
  });
});
