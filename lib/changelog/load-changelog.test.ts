import { describe, expect, it } from "vitest";
import { atomFeed } from "./atom-feed";
import { loadChangelog, parseRelease } from "./load-changelog";

const source = `---
title: Payments
date: 2026-11-20
summary: Money moves.
---

### Added

- Payments: \`POST /v1/payments\` with an Idempotency-Key.
- FX: quotes <fast> & cheap.

### Fixed

- Ledger: EUR accounts pay out.
`;

describe("parseRelease", () => {
  it("reads the frontmatter and the Added/Changed/Fixed sections of area: change bullets", () => {
    const release = parseRelease("2026-11-20-1-payments", source);
    expect(release).toMatchObject({ id: "2026-11-20-1-payments", title: "Payments", date: "2026-11-20", summary: "Money moves." });
    expect(release.sections).toEqual([
      {
        kind: "Added",
        changes: [
          { area: "Payments", text: "`POST /v1/payments` with an Idempotency-Key." },
          { area: "FX", text: "quotes <fast> & cheap." },
        ],
      },
      { kind: "Fixed", changes: [{ area: "Ledger", text: "EUR accounts pay out." }] },
    ]);
  });

  it("refuses unknown sections, stray text, bullets outside a section and bad dates, naming the file", () => {
    const front = "---\ntitle: T\ndate: 2026-11-20\nsummary: S\n---\n";
    expect(() => parseRelease("x", `${front}### Removed\n- A: b\n`)).toThrow(/x\.md:\d+: section must be one of/);
    expect(() => parseRelease("x", `${front}### Added\nSome prose.\n`)).toThrow(/expected a ### heading/);
    expect(() => parseRelease("x", `${front}- A: b\n`)).toThrow(/must sit under/);
    expect(() => parseRelease("x", `${front}`)).toThrow(/no changes/);
    expect(() => parseRelease("x", "---\ntitle: T\ndate: yesterday\nsummary: S\n---\n### Added\n- A: b\n")).toThrow(/invalid frontmatter/);
  });

  it("loads the real changelog newest first, every entry dated and non-empty", () => {
    const releases = loadChangelog();
    expect(releases.length).toBeGreaterThanOrEqual(5);
    expect(releases.at(-1)?.title).toBe("Sandbox launch");
    for (const release of releases) expect(release.sections.flatMap((section) => section.changes).length).toBeGreaterThan(0);
    expect(releases.map((release) => release.id)).toEqual([...releases.map((release) => release.id)].sort().reverse());
  });
});

describe("atomFeed", () => {
  it("is an Atom feed with one escaped entry per release, linking to the page's anchors", () => {
    const xml = atomFeed([parseRelease("2026-11-20-1-payments", source)], "https://dev.example.com/");
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain("<id>https://dev.example.com/docs/changelog#2026-11-20-1-payments</id>");
    expect(xml).toContain("<updated>2026-11-20T00:00:00Z</updated>");
    expect(xml).toContain("quotes &amp;lt;fast&amp;gt; &amp;amp; cheap.");
    expect(xml).not.toContain("<fast>");
  });
});
