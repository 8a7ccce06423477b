import { describe, expect, it } from "vitest";
import { loadGuides, parseGuide } from "./load-guides";
import { buildSearchIndex, plainText, searchGuides } from "./search-index";

const guides = [
  parseGuide(
    "alpha",
    "---\ntitle: Alpha payments\ndescription: Moving money.\norder: 1\n---\nIntro about ledgers.\n\n## Retry safely\n\nUse an Idempotency-Key.\n\n```bash\ncurl {{BASE_URL}}/v1/payments\n```\n",
  ),
  parseGuide(
    "beta",
    "---\ntitle: Beta clock\ndescription: Time travel.\norder: 2\n---\n\n## Advance\n\n<Samples>\nMove the clock; payments settle.\n</Samples>\n",
  ),
];

describe("buildSearchIndex", () => {
  it("makes one entry per guide intro and per heading, with plain text and the heading's anchor", () => {
    const index = buildSearchIndex(guides);
    expect(index.map((entry) => [entry.slug, entry.heading, entry.anchor])).toEqual([
      ["alpha", null, null],
      ["alpha", "Retry safely", "retry-safely"],
      ["beta", null, null],
      ["beta", "Advance", "advance"],
    ]);
    expect(index[1].text).toBe("Use an Idempotency-Key. curl /v1/payments");
    expect(index[3].text).not.toContain("Samples");
  });

  it("strips markdown, JSX tags and placeholders", () => {
    expect(plainText("See **[the docs](/docs)** and `code` <Samples>x</Samples> {{APP_ID}}")).toBe("See the docs and code x");
  });
});

describe("searchGuides", () => {
  const index = buildSearchIndex(guides);

  it("finds a word from a guide's body, linking to its section", () => {
    const [hit] = searchGuides(index, "idempotency");
    expect(hit).toMatchObject({ slug: "alpha", anchor: "retry-safely" });
    expect(hit.snippet).toContain("Idempotency-Key");
  });

  it("needs every word, matches word prefixes, ranks titles above body text", () => {
    expect(searchGuides(index, "payments").map((hit) => hit.slug)).toEqual(["alpha", "alpha", "beta"]);
    expect(searchGuides(index, "clock settle")).toHaveLength(1);
    expect(searchGuides(index, "clock ledger")).toEqual([]);
    expect(searchGuides(index, "idem")[0].slug).toBe("alpha");
    expect(searchGuides(index, "dempotency")).toEqual([]);
  });

  it("ignores empty and one-letter queries and regex characters", () => {
    expect(searchGuides(index, " ")).toEqual([]);
    expect(searchGuides(index, "a")).toEqual([]);
    expect(searchGuides(index, "(.*")).toEqual([]);
  });

  it("indexes the real guides: a word only in a body finds its guide", () => {
    const real = buildSearchIndex(loadGuides());
    expect(searchGuides(real, "uuidgen")[0]?.slug).toBe("payments");
    expect(searchGuides(real, "refresh token").some((hit) => hit.slug === "authentication")).toBe(true);
  });
});
