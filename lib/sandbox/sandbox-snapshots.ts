import type { z } from "zod";
import { callBank, callBankRaw } from "@/lib/bank/call-bank";
import type { createSnapshotInput, RestoreResult, Snapshot } from "./sandbox-dto";

const path = (snapshot: string) => `/v1/sandbox/snapshots/${encodeURIComponent(snapshot)}`;

function snapshotOf(snapshot: Snapshot): Snapshot {
  const { id, name, size_bytes, sandbox_time, created_at, counts } = snapshot;
  return { id, name, size_bytes, sandbox_time, created_at, counts };
}

function restoreOf(result: RestoreResult): RestoreResult {
  const { counts, now, offset_seconds, ids_remapped, events_marked_delivered } = result;
  return { counts, now, offset_seconds, ids_remapped, events_marked_delivered };
}

/** The app's named snapshots at the bank, newest first. */
export async function listSnapshots(options: { appId: string }): Promise<Snapshot[]> {
  const page = await callBank<{ data: Snapshot[] }>({ appId: options.appId, method: "GET", path: "/v1/sandbox/snapshots" });
  return page.data.map(snapshotOf);
}

/** Takes a named snapshot of the whole sandbox (409 past the app's limit or for a name in use, 413 too large). */
export async function takeSnapshot(options: { appId: string; input: z.output<typeof createSnapshotInput> }): Promise<Snapshot> {
  return snapshotOf(await callBank<Snapshot>({ appId: options.appId, method: "POST", path: "/v1/sandbox/snapshots", body: options.input }));
}

/** Puts the sandbox back as the snapshot holds it, clock included. */
export async function restoreSnapshot(options: { appId: string; snapshot: string }): Promise<RestoreResult> {
  return restoreOf(await callBank<RestoreResult>({ appId: options.appId, method: "POST", path: `${path(options.snapshot)}/restore` }));
}

export async function deleteSnapshot(options: { appId: string; snapshot: string }): Promise<void> {
  await callBank<void>({ appId: options.appId, method: "DELETE", path: path(options.snapshot) });
}

/** The snapshot as its export file, and the file name the bank gives it. */
export async function downloadSnapshot(options: { appId: string; snapshot: string }) {
  const file = await callBankRaw({ appId: options.appId, method: "GET", path: `${path(options.snapshot)}/export` });
  const fileName = /filename="([^"]+)"/.exec(file.disposition ?? "")?.[1] ?? `sandbox-${options.snapshot}.json`;
  return {
    document: JSON.parse(Buffer.from(file.body).toString("utf8")) as { format: "openbank.sandbox-export"; version: number },
    fileName,
  };
}

/** Imports an export file (from this app or another: the bank remaps ids) over the sandbox. */
export async function importSandbox(options: { appId: string; file: Record<string, unknown> }): Promise<RestoreResult> {
  return restoreOf(await callBank<RestoreResult>({ appId: options.appId, method: "POST", path: "/v1/sandbox/import", body: options.file }));
}
