import { describe, expect, it } from "vitest";
import { SDK_TARBALL_PATH } from "./downloads";
import { renderGuideBody, renderGuideMarkdown } from "./guide-markdown";
import { loadGuides, parseGuide } from "./load-guides";
import { retryScheduleRows } from "./portal-facts";

const options = { baseUrl: "https://developers.example/", facts: { goLiveMinimum: 4, loopbackAllowed: false } };

const source = `---
title: Example
description: An example guide.
order: 99
---

Read [the quickstart](/docs/guides/quickstart) or [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457).

\`\`\`bash
npm install {{SDK_URL}}
\`\`\`

<Samples>
\`\`\`bash
curl "{{BASE_URL}}/v1/accounts/{{APP_ID}}"
\`\`\`

\`\`\`js
await fetch("{{BASE_URL}}/v1/accounts");
\`\`\`

\`\`\`python
requests.get("{{BASE_URL}}/v1/accounts")
\`\`\`
</Samples>

<Samples expect="stream">
\`\`\`shell
openbank listen --forward-to http://localhost:4242/webhooks
\`\`\`
</Samples>

<Callout title="Keep the key secret">
Never commit \`$SANDBOX_KEY\`.
</Callout>

You need at least <GoLiveMinimum /> endpoints. <LoopbackReceivers />

<RetrySchedule />
`;

describe("renderGuideMarkdown", () => {
  const markdown = renderGuideMarkdown(parseGuide("example", source), options);

  it("starts with the title, the description and the page's absolute URL", () => {
    expect(markdown.startsWith("# Example\n\n> An example guide.\n\nPage: https://developers.example/docs/guides/example\n")).toBe(true);
  });

  it("turns each <Samples> tab into a labelled fenced block, filled for a visitor", () => {
    expect(markdown).toContain('**curl**\n\n```bash\ncurl "https://developers.example/v1/accounts/app_…"\n```');
    expect(markdown).toContain("**Node**\n\nInstall the typed client once (`npm install https://developers.example" + SDK_TARBALL_PATH);
    expect(markdown).toContain('```js\nawait fetch("https://developers.example/v1/accounts");\n```');
    expect(markdown).toContain('**Python**\n\n```python\nrequests.get("https://developers.example/v1/accounts")\n```');
    expect(markdown).toContain("> This command keeps running until you stop it (Ctrl-C).\n\n**Terminal**\n\n```shell\nopenbank listen");
    expect(markdown).toContain(`npm install https://developers.example${SDK_TARBALL_PATH}`);
  });

  it("leaves no MDX behind: callouts become blockquotes, settings their values, the retry schedule a table", () => {
    expect(markdown).not.toMatch(/<\/?[A-Z][A-Za-z]*[\s/>]/);
    expect(markdown).not.toContain("{{");
    expect(markdown).toContain("> **Keep the key secret**\n>\n> Never commit `$SANDBOX_KEY`.");
    expect(markdown).toContain(
      "You need at least 4 endpoints. This sandbox refuses loopback receivers such as `http://localhost:4000/webhooks/open-bank`",
    );
    expect(markdown).toContain("| Attempt | Wait after the previous failure | Roughly |\n| --- | --- | --- |\n| 1 | — | at once |");
    expect(markdown).toContain(`| ${retryScheduleRows().at(-1)!.attempt} |`);
  });

  it("makes links to the portal's pages absolute and leaves other links alone", () => {
    expect(markdown).toContain("[the quickstart](https://developers.example/docs/guides/quickstart)");
    expect(markdown).toContain("[RFC 9457](https://www.rfc-editor.org/rfc/rfc9457)");
  });

  it("renders every guide of the repository without MDX components, placeholders or a key", () => {
    for (const guide of loadGuides()) {
      const text = renderGuideBody(guide.body, options);
      const outsideCode = text.replace(/^```[\s\S]*?^```$/gm, "");
      expect(outsideCode, guide.slug).not.toMatch(/<\/?(Samples|RetrySchedule|GoLiveMinimum|LoopbackReceivers|Callout)\b/);
      expect(text, guide.slug).not.toMatch(/\{\{[A-Z_]+\}\}/);
      expect(text, guide.slug).not.toMatch(/\]\(\/[^)]/);
      // As many fenced blocks as the source has: none lost, none split.
      expect(text.match(/^```\w*$/gm)?.length ?? 0, guide.slug).toBe(guide.body.match(/^```\w*$/gm)?.length ?? 0);
    }
  });
});
