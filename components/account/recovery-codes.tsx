"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { IconDownload } from "@/components/ui/icons";

/**
 * Recovery codes, the one time they are shown: the warning, the codes, and copy and download
 * (a text file, for a password manager or a printer).
 */
export function RecoveryCodes({ codes, email }: { codes: string[]; email?: string }) {
  function download() {
    const text = [
      "Open Bank Developers: recovery codes",
      email ? `Account: ${email}` : undefined,
      `Created: ${new Date().toISOString().slice(0, 10)}`,
      "",
      "Each code signs you in once, in place of your authenticator app or passkey.",
      "",
      ...codes,
      "",
    ]
      .filter((line) => line !== undefined)
      .join("\n");
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "open-bank-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="flex flex-col gap-4">
      <Alert tone="warning" title="You won't see these again — store them now" role="note">
        If you lose your authenticator app or passkey, each code signs you in once. Keep them in your password manager, or print them.
      </Alert>
      <ol
        data-testid="recovery-codes"
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-x-6 gap-y-2 rounded-control border border-border bg-surface-muted px-4 py-3 font-mono text-sm text-fg"
      >
        {codes.map((code) => (
          <li key={code} className="tracking-wide select-all">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <CopyButton value={codes.join("\n")} label="recovery codes" showText variant="secondary" size="sm" />
        <Button variant="secondary" size="sm" icon={<IconDownload />} onClick={download}>
          Download
        </Button>
      </div>
    </div>
  );
}
