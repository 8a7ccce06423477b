import { describe, expect, it } from "vitest";
import { loadGuides } from "./load-guides";
import { extractSamples } from "./samples";

/** Names a sample reads from the environment: `os.environ["X"]`, `os.environ['X']`, `os.environ.get("X")`, `os.getenv("X")`. */
const reads = (code: string) =>
  new Set([...code.matchAll(/os\.(?:environ(?:\[|\.get\()|getenv\()\s*["']([A-Z_]+)["']/g)].map((match) => match[1]));
/** `os.environ["X"] = …` (also `a, os.environ["Y"] = …`), `os.environ.update(…)`, `os.environ.setdefault(…)`, `os.putenv(…)`. */
const ASSIGNS_ENVIRON = /^\s*[^#\n]*os\.environ\[[^\]]+\]\s*(,\s*[^=\n]+)?=(?!=)|os\.environ\.(update|setdefault)\(|os\.putenv\(/m;
/** The `export NAME=…` lines a Python sample prints for the reader to run. */
const printed = (code: string) => [...code.matchAll(/print\(f["']export ([A-Z_]+)=/g)].map((match) => match[1]);
/** What a guide's set-up asks the reader to export before its samples (fences outside `<Samples>`). */
const setUp = (body: string) =>
  new Set([...body.replace(/<Samples[\s\S]*?<\/Samples>/g, "").matchAll(/^export ([A-Z_]+)=/gm)].map((match) => match[1]));

/**
 * Each Python sample is a script of its own (`python3 step.py`): a value set in one script's
 * `os.environ` is gone when the next starts (issue 22 item 9). So a sample reads only what the
 * reader exported: the key, the guide's set-up, or the `export` lines an earlier Python step printed.
 */
describe("the guides' Python samples", () => {
  const guides = loadGuides().map((guide) => ({
    slug: guide.slug,
    setUp: setUp(guide.body),
    samples: extractSamples(guide.body).filter((sample) => sample.language === "python"),
  }));

  it("never hand a value to the next step through os.environ", () => {
    for (const { slug, samples } of guides)
      for (const sample of samples) expect(sample.code, `${slug} step ${sample.step}`).not.toMatch(ASSIGNS_ENVIRON);
  });

  it("read only the key, the guide's set-up and what an earlier Python step printed to export", () => {
    expect(guides.some(({ samples }) => samples.some((sample) => printed(sample.code).length > 0))).toBe(true);
    for (const guide of guides) {
      const available = new Set(["SANDBOX_KEY", ...guide.setUp]);
      for (const sample of guide.samples) {
        for (const name of reads(sample.code)) expect(available, `${guide.slug} step ${sample.step} reads ${name}`).toContain(name);
        for (const name of printed(sample.code)) available.add(name);
      }
    }
  });
});
