import { CodeBlock } from "@/components/ui/code";

/** The `/v1` call behind an action, beside it: what a CI script would run instead of the button. */
export function FromCode({ code, what }: { code: string; what: string }) {
  return <CodeBlock code={code} title="Do this from code" copyLabel={`the curl command to ${what}`} className="min-w-0" />;
}
