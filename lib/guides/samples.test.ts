import { describe, expect, it } from "vitest";
import cliManifest from "../../packages/cli/package.json";
import sdkManifest from "../../packages/sandbox-client/package.json";
import { extractSamples, fillPlaceholders } from "./samples";

const sdkVersion = sdkManifest.version;
const cliVersion = cliManifest.version;

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
      { step: 1, language: "curl", code: 'curl "{{BASE_URL}}/v1/accounts"', expectError: false, untilStopped: false },
      { step: 1, language: "node", code: 'await fetch("{{BASE_URL}}/v1/accounts");', expectError: false, untilStopped: false },
      { step: 1, language: "python", code: 'requests.get("{{BASE_URL}}/v1/accounts")', expectError: false, untilStopped: false },
      { step: 2, language: "curl", code: 'curl "{{BASE_URL}}/v1/accounts?limit=1000"', expectError: true, untilStopped: false },
    ]);
  });
});

describe("extractSamples for the CLI", () => {
  it("takes ```shell blocks as CLI samples, and marks a group that runs until stopped", () => {
    const cli =
      '<Samples>\n```shell\nopenbank apps list\n```\n</Samples>\n\n<Samples expect="stream">\n```shell\nopenbank listen --forward-to http://localhost:4242\n```\n</Samples>\n';
    expect(extractSamples(cli)).toEqual([
      { step: 1, language: "cli", code: "openbank apps list", expectError: false, untilStopped: false },
      { step: 2, language: "cli", code: "openbank listen --forward-to http://localhost:4242", expectError: false, untilStopped: true },
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

describe("fillPlaceholders for the portal's downloads and the OAuth client", () => {
  it("points the typed client's install and the sample app's download at this portal, and fills the client id", () => {
    const code = "npm install {{SDK_URL}} && curl {{SAMPLE_APP_URL}} && CLIENT_ID={{CLIENT_ID}}";
    expect(fillPlaceholders(code, { baseUrl: "https://dev.example/", appId: "app_1", keyPrefix: null, clientId: "cli_1" })).toBe(
      `npm install https://dev.example/sdk/openbank-sandbox-client-${sdkVersion}.tgz && curl https://dev.example/downloads/oauth-sample-app.tar.gz && CLIENT_ID=cli_1`,
    );
    expect(fillPlaceholders("npm install -g {{CLI_URL}}", { baseUrl: "https://dev.example/", appId: null, keyPrefix: null })).toBe(
      `npm install -g https://dev.example/downloads/openbank-cli-${cliVersion}.tgz`,
    );
    expect(fillPlaceholders("{{CLIENT_ID}}", { baseUrl: "http://localhost:3000", appId: null, keyPrefix: null })).toBe("cli_…");
  });
});
