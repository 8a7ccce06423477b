"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Textarea } from "@/components/ui/input";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import { formatDate, formatExact } from "./format-time";

/** "Get a software statement": the directory signs one from the app's current settings; shown with its expiry, to copy. */
export function SoftwareStatementButton({ appId }: { appId: string }) {
  const action = useApiAction();
  const [statement, setStatement] = useState<{ software_statement: string; expires_at: string }>();

  async function issue() {
    const done = await action.run(() => portalApi.POST("/api/apps/{appId}/software-statement", { params: { path: { appId } } }));
    if (done) setStatement(done.data);
  }

  return (
    <div className="flex flex-col gap-3" data-testid="software-statement">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={issue} loading={action.pending}>
          {statement ? "Get a new statement" : "Get a software statement"}
        </Button>
        {statement && (
          <span className="text-sm text-fg-muted">
            Expires{" "}
            <time dateTime={statement.expires_at} title={formatExact(statement.expires_at)}>
              {formatDate(statement.expires_at)}
            </time>
          </span>
        )}
      </div>
      {action.error && <Alert tone="error">{action.error}</Alert>}
      {statement && (
        <div className="flex flex-col gap-1.5">
          <div className="flex items-center justify-between gap-2">
            <label htmlFor="software-statement-value" className="text-sm font-medium text-fg">
              Software statement (JWT)
            </label>
            <CopyButton value={statement.software_statement} label="software statement" showText />
          </div>
          <Textarea
            id="software-statement-value"
            readOnly
            rows={4}
            value={statement.software_statement}
            spellCheck={false}
            className="font-mono text-xs break-all"
            data-testid="software-statement-value"
          />
        </div>
      )}
    </div>
  );
}
