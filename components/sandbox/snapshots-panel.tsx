"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { formatExact } from "@/components/dashboard/format-time";
import { ActionDialog } from "@/components/ui/action-dialog";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { IconClock, IconDownload } from "@/components/ui/icons";
import { Input } from "@/components/ui/input";
import { asProblem, fieldErrors, problemMessage } from "@/lib/http/read-problem";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import type { RestoreResult, Snapshot } from "@/lib/sandbox/sandbox-dto";
import { sandboxCurl } from "@/lib/sandbox/sandbox-curl";
import { FromCode } from "./from-code";

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function restored(result: RestoreResult): string {
  const { customers, accounts, transactions } = result.counts;
  return `${customers} customers, ${accounts} accounts and ${transactions} transactions are back; the clock reads ${formatExact(result.now)}${result.ids_remapped ? " (the file came from another app: its ids were replaced)" : ""}.`;
}

type Upload =
  | { state: "idle" }
  | { state: "sending"; percent: number; name: string }
  | { state: "done"; message: string }
  | { state: "failed"; message: string };

/**
 * Uploads an export file with its progress (XMLHttpRequest reports upload progress; fetch does
 * not), as a same-origin JSON request like every other portal mutation.
 */
function uploadFile(
  appId: string,
  text: string,
  onProgress: (percent: number) => void,
): Promise<{ ok: true; result: RestoreResult } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/apps/${encodeURIComponent(appId)}/sandbox/import`);
    request.setRequestHeader("content-type", "application/json");
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
    request.onerror = () => resolve({ ok: false, message: "The upload did not reach the server. Check your connection and try again." });
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300) return resolve({ ok: true, result: body as RestoreResult });
      const problem = asProblem(body, request.status);
      const pointers = Object.entries(fieldErrors(problem).fields).map(([pointer, detail]) => `/${pointer}: ${detail}`);
      resolve({ ok: false, message: [problemMessage(problem), ...pointers.slice(0, 3)].join(" ") });
    };
    request.send(text);
  });
}

/** Snapshots: take one by name, restore (after a confirmation), download as a file, upload a file, delete. */
export function SnapshotsPanel({
  appId,
  snapshots,
  origin,
  canAct,
}: {
  appId: string;
  snapshots: Snapshot[];
  origin: string;
  canAct: boolean;
}) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [message, setMessage] = useState<string>();
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const file = useRef<HTMLInputElement>(null);
  const take = useApiAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(undefined);
    const done = await take.run(() =>
      portalApi.POST("/api/apps/{appId}/sandbox/snapshots", { params: { path: { appId } }, body: { name } }),
    );
    if (!done) return;
    setMessage(`Snapshot “${done.data.name}” taken (${size(done.data.size_bytes)}).`);
    setName("");
    router.refresh();
  }

  async function chosen(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    event.target.value = "";
    if (!picked) return;
    setMessage(undefined);
    setUpload({ state: "sending", percent: 0, name: picked.name });
    const text = await picked.text();
    try {
      JSON.parse(text);
    } catch {
      setUpload({
        state: "failed",
        message: `${picked.name} is not JSON. Choose a file downloaded from a snapshot or GET /v1/sandbox/export.`,
      });
      return;
    }
    const outcome = await uploadFile(appId, text, (percent) => setUpload({ state: "sending", percent, name: picked.name }));
    if (!outcome.ok) return setUpload({ state: "failed", message: outcome.message });
    setUpload({ state: "done", message: `Imported ${picked.name}: ${restored(outcome.result)}` });
    router.refresh();
  }

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <div className="flex min-w-0 flex-col gap-4">
        {canAct && (
          <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-2">
            <FormField
              id="snapshot-name"
              label="Snapshot name"
              hint="Letters, digits, - and _, e.g. ci-baseline."
              error={take.fields.name}
              className="min-w-0 flex-1"
            >
              {(control) => <Input {...control} value={name} onChange={(event) => setName(event.target.value)} placeholder="ci-baseline" />}
            </FormField>
            <Button type="submit" className="mt-7" loading={take.pending}>
              {take.pending ? "Taking snapshot…" : "Take snapshot"}
            </Button>
          </form>
        )}
        {take.error && <Alert tone="error">{take.error}</Alert>}
        {message && (
          <Alert tone="success" data-testid="snapshot-message">
            {message}
          </Alert>
        )}
        {snapshots.length === 0 ? (
          <EmptyState icon={<IconClock size={22} />} title="No snapshots yet">
            Take one to come back to this exact state later: a CI run restores it by name before it starts.
          </EmptyState>
        ) : (
          <ul className="flex flex-col divide-y divide-border rounded-card border border-border bg-surface" data-testid="snapshots">
            {snapshots.map((snapshot) => (
              <li
                key={snapshot.id}
                data-snapshot-name={snapshot.name}
                className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
              >
                <div className="min-w-0">
                  <p className="font-medium break-all text-fg">{snapshot.name}</p>
                  <p className="text-xs text-fg-muted">
                    Sandbox time {formatExact(snapshot.sandbox_time)} · {snapshot.counts.customers} customers ·{" "}
                    {snapshot.counts.transactions} transactions · {size(snapshot.size_bytes)}
                  </p>
                </div>
                <div className="flex flex-wrap gap-1">
                  <a
                    href={`/api/apps/${appId}/sandbox/snapshots/${encodeURIComponent(snapshot.id)}/export`}
                    download={`${snapshot.name}.json`}
                    className={buttonClasses({ variant: "ghost", size: "sm" })}
                    aria-label={`Download ${snapshot.name}`}
                  >
                    <IconDownload size={16} /> Download
                  </a>
                  {canAct && (
                    <>
                      <ActionDialog
                        label="Restore"
                        ariaLabel={`Restore ${snapshot.name}`}
                        variant="secondary"
                        title={`Restore “${snapshot.name}”?`}
                        description="The sandbox goes back exactly as it was when the snapshot was taken."
                        confirmLabel="Restore snapshot"
                        pendingLabel="Restoring…"
                        confirmVariant="primary"
                        action={() =>
                          portalApi.POST("/api/apps/{appId}/sandbox/snapshots/{snapshot}/restore", {
                            params: { path: { appId, snapshot: snapshot.id } },
                          })
                        }
                        onDone={(result) => {
                          setMessage(`Restored “${snapshot.name}”: ${restored(result)}`);
                          router.refresh();
                        }}
                      >
                        <p>
                          Everything that happened since is replaced: customers, accounts, transactions, payments and consents as they were,
                          and the clock back at {formatExact(snapshot.sandbox_time)}. Settings, keys and your other snapshots stay.
                        </p>
                      </ActionDialog>
                      <ActionDialog
                        label="Delete"
                        ariaLabel={`Delete ${snapshot.name}`}
                        variant="ghost"
                        title={`Delete “${snapshot.name}”?`}
                        confirmLabel="Delete snapshot"
                        pendingLabel="Deleting…"
                        action={() =>
                          portalApi.DELETE("/api/apps/{appId}/sandbox/snapshots/{snapshot}", {
                            params: { path: { appId, snapshot: snapshot.id } },
                          })
                        }
                      >
                        <p>The snapshot is gone for good; the sandbox itself does not change. Download it first to keep a copy.</p>
                      </ActionDialog>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        {canAct && (
          <div className="flex flex-col gap-2">
            <div>
              <input
                ref={file}
                id="snapshot-file"
                aria-label="Export file to upload"
                type="file"
                accept="application/json,.json"
                className="sr-only"
                onChange={chosen}
                tabIndex={-1}
              />
              <Button variant="secondary" onClick={() => file.current?.click()} loading={upload.state === "sending"}>
                {upload.state === "sending" ? "Uploading…" : "Upload an export file"}
              </Button>
              <p className="mt-1 text-sm text-fg-muted">
                Replaces the sandbox with the file&apos;s state; a file from another app gets new ids.
              </p>
            </div>
            {upload.state === "sending" && (
              <div className="flex flex-col gap-1">
                <label htmlFor="upload-progress" className="text-sm text-fg">
                  Uploading {upload.name}
                </label>
                <progress id="upload-progress" value={upload.percent} max={100} className="h-2 w-full accent-primary">
                  {upload.percent}%
                </progress>
              </div>
            )}
            {upload.state === "failed" && (
              <Alert tone="error" title="The file was not imported" data-testid="upload-error">
                {upload.message}
              </Alert>
            )}
            {upload.state === "done" && (
              <Alert tone="success" data-testid="upload-result">
                {upload.message}
              </Alert>
            )}
          </div>
        )}
      </div>
      <div className="flex min-w-0 flex-col gap-3">
        <FromCode what="take a snapshot" code={sandboxCurl(origin, "POST", "/v1/sandbox/snapshots", { name: "ci-baseline" })} />
        <FromCode what="restore a snapshot" code={sandboxCurl(origin, "POST", "/v1/sandbox/snapshots/ci-baseline/restore")} />
        <FromCode
          what="download and upload an export"
          code={`${sandboxCurl(origin, "GET", "/v1/sandbox/snapshots/ci-baseline/export")} -o ci-baseline.json\n${sandboxCurl(origin, "POST", "/v1/sandbox/import").replace(/$/, ` \\\n  -H "Content-Type: application/json" \\\n  --data-binary @ci-baseline.json`)}`}
        />
      </div>
    </div>
  );
}
