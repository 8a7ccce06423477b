/**
 * Code samples in the guides carry placeholders the page fills in for the signed-in developer:
 * `{{BASE_URL}}` (this portal's origin), `{{APP_ID}}` and `{{KEY_PREFIX}}`. The secret itself
 * never appears: samples read it from `$SANDBOX_KEY` / `process.env.SANDBOX_KEY` / `os.environ`.
 */
export type SampleContext = { baseUrl: string; appId: string | null; keyPrefix: string | null };

export function fillPlaceholders(code: string, context: SampleContext): string {
  return code
    .replaceAll("{{BASE_URL}}", context.baseUrl.replace(/\/$/, ""))
    .replaceAll("{{APP_ID}}", context.appId ?? "app_…")
    .replaceAll("{{KEY_PREFIX}}", context.keyPrefix ?? "sk_sandbox_…");
}

export type SampleLanguage = "curl" | "node" | "python";
/** `expectError`: the step shows a failure on purpose (`<Samples expect="error">`). */
export type GuideSample = { step: number; language: SampleLanguage; code: string; expectError: boolean };

const LANGUAGE: Record<string, SampleLanguage> = {
  bash: "curl",
  sh: "curl",
  shell: "curl",
  js: "node",
  javascript: "node",
  python: "python",
  py: "python",
};

/**
 * The runnable samples of a guide: fenced blocks inside `<Samples>` … `</Samples>`, numbered by
 * group. Fences outside a group (set-up like `export SANDBOX_KEY=…`) are not extracted.
 */
export function extractSamples(body: string): GuideSample[] {
  const samples: GuideSample[] = [];
  const groups = body.matchAll(/<Samples(\s[^>]*)?>([\s\S]*?)<\/Samples>/g);
  let step = 0;
  for (const group of groups) {
    step += 1;
    const expectError = /expect="error"/.test(group[1] ?? "");
    for (const fence of group[2].matchAll(/^```(\w+)[^\n]*\n([\s\S]*?)^```\s*$/gm)) {
      const language = LANGUAGE[fence[1]];
      if (language) samples.push({ step, language, code: fence[2].trimEnd(), expectError });
    }
  }
  return samples;
}
