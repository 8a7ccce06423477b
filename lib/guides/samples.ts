import { CLI_TARBALL_PATH, SAMPLE_APP_PATH, SDK_TARBALL_PATH } from "./downloads";

/**
 * Code samples in the guides carry placeholders the page fills in for the signed-in developer:
 * `{{BASE_URL}}` (this portal's origin), `{{APP_ID}}`, `{{KEY_PREFIX}}` and `{{CLIENT_ID}}` (the
 * app's OAuth client id), and the portal's downloads, `{{SDK_URL}}` (the typed client's tarball),
 * `{{CLI_URL}}` (the `openbank` CLI's tarball) and `{{SAMPLE_APP_URL}}` (the consent-flow sample
 * app). The secret itself never appears: samples read it from `$SANDBOX_KEY` / `process.env.SANDBOX_KEY` / `os.environ`.
 */
export type SampleContext = { baseUrl: string; appId: string | null; keyPrefix: string | null; clientId?: string | null };

export function fillPlaceholders(code: string, context: SampleContext): string {
  const base = context.baseUrl.replace(/\/$/, "");
  return code
    .replaceAll("{{BASE_URL}}", base)
    .replaceAll("{{SDK_URL}}", `${base}${SDK_TARBALL_PATH}`)
    .replaceAll("{{CLI_URL}}", `${base}${CLI_TARBALL_PATH}`)
    .replaceAll("{{SAMPLE_APP_URL}}", `${base}${SAMPLE_APP_PATH}`)
    .replaceAll("{{APP_ID}}", context.appId ?? "app_…")
    .replaceAll("{{KEY_PREFIX}}", context.keyPrefix ?? "sk_sandbox_…")
    .replaceAll("{{CLIENT_ID}}", context.clientId ?? "cli_…");
}

/** `cli`: a terminal session with the `openbank` CLI (```shell fences, the CLI guide's). */
export type SampleLanguage = "curl" | "node" | "python" | "cli";
/**
 * `expectError`: the step shows a failure on purpose (`<Samples expect="error">`).
 * `untilStopped`: the step runs until the reader stops it, like `openbank listen` (`<Samples expect="stream">`):
 * the samples suite starts it, reads its first lines and stops it.
 */
export type GuideSample = { step: number; language: SampleLanguage; code: string; expectError: boolean; untilStopped: boolean };

const LANGUAGE: Record<string, SampleLanguage> = {
  bash: "curl",
  sh: "curl",
  shell: "cli",
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
    const untilStopped = /expect="stream"/.test(group[1] ?? "");
    for (const fence of group[2].matchAll(/^```(\w+)[^\n]*\n([\s\S]*?)^```\s*$/gm)) {
      const language = LANGUAGE[fence[1]];
      if (language) samples.push({ step, language, code: fence[2].trimEnd(), expectError, untilStopped });
    }
  }
  return samples;
}
