import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { DocsKeyPick } from "@/lib/docs/pick-docs-key";

const link = "font-medium text-primary underline-offset-4 hover:underline";

/** The API reference's front page: which key the areas' Try-it-out starts with, before any is opened. */
export function DocsKeyStatus({ pick, signedIn }: { pick: DocsKeyPick; signedIn: boolean }) {
  return (
    <p
      className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-control border border-border bg-surface-muted/60 px-3 py-2 text-sm text-fg-muted"
      data-testid="docs-key-status"
    >
      {pick.kind === "none" ? (
        <Badge tone="warning" dot>
          Not authorised
        </Badge>
      ) : (
        <Badge tone="success" dot>
          Authorised
        </Badge>
      )}
      {pick.kind === "key" && (
        <span className="min-w-0">
          Try it out calls with <span className="font-medium text-fg">{`${pick.key.app_name} · ${pick.key.name}`}</span>{" "}
          <code className="font-mono text-xs break-all text-fg">{pick.key.prefix}</code>
        </span>
      )}
      {pick.kind === "pasted" && (
        <span className="min-w-0">
          Try it out calls with the key you pasted <code className="font-mono text-xs break-all text-fg">{pick.prefix}</code>
        </span>
      )}
      {pick.kind === "none" &&
        (!signedIn ? (
          <span>
            <Link className={link} href="/signin?callbackUrl=%2Fdocs%2Fapi">
              Sign in
            </Link>{" "}
            and Try it out uses your own key, or paste one on an area page.
          </span>
        ) : pick.reason === "no-keys" ? (
          <span>
            <Link className={link} href="/dashboard/apps/new">
              Create an app
            </Link>{" "}
            and Try it out uses its key, with nothing to paste.
          </span>
        ) : (
          <span>You signed out of Try it out: pick a key on any area page.</span>
        ))}
    </p>
  );
}
