import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { BankSnapshot } from "@prisma/client";
import { exportSandbox, type SnapshotCounts } from "../../domain/snapshots/export-sandbox";
import { findSnapshot, snapshotFile } from "../../domain/snapshots/find-snapshot";
import { parseSandboxExport } from "../../domain/snapshots/parse-sandbox-export";
import { restoreSandbox, type RestoreResult } from "../../domain/snapshots/restore-sandbox";
import { DEFAULT_SNAPSHOT_LIMITS, formatBytes, type SnapshotLimits } from "../../domain/snapshots/snapshot-limits";
import { takeSnapshot } from "../../domain/snapshots/take-snapshot";
import { tenantNow } from "../../domain/tenants/tenant-now";
import { exampleRun } from "../../schemas/example-run";
import { NOT_FOUND, jsonResponse, problemResponses } from "../../schemas/problem";
import {
  CreateSnapshotBody,
  SandboxExport,
  SandboxExportUpload,
  Snapshot,
  SnapshotList,
  SnapshotParams,
  SnapshotRestoreResult,
} from "../../schemas/sandbox-snapshots";

export type SandboxSnapshotsOptions = { limits?: SnapshotLimits };

function toSnapshot(snapshot: BankSnapshot) {
  return {
    id: snapshot.id,
    name: snapshot.name,
    size_bytes: snapshot.sizeBytes,
    sandbox_time: snapshot.sandboxTime.toISOString(),
    created_at: snapshot.createdAt.toISOString(),
    counts: JSON.parse(snapshot.counts) as SnapshotCounts,
  };
}

function toRestoreResult(result: RestoreResult) {
  return {
    counts: result.counts,
    now: result.now.toISOString(),
    offset_seconds: result.clockOffsetSeconds,
    ids_remapped: result.idsRemapped,
    events_marked_delivered: result.eventsMarkedDelivered,
  };
}

const fileName = (tenantId: string, at: Date, name?: string) =>
  `sandbox-${tenantId}-${name ? `${name}-` : ""}${at.toISOString().slice(0, 10)}.json`;

const FILE_HEADERS = "The file is sent with `content-disposition: attachment`, so a browser saves it.";
const RESTORE_EFFECTS =
  "Everything in the sandbox is replaced in one transaction (all or nothing): customers, accounts, transactions, payments, consents and the rest come back exactly as they were, ids included, and the clock reads the time the state was taken at again. Webhook events of the past are not sent again. Consents keep their status, but access and refresh tokens are never stored in a snapshot: get new ones. The app's snapshots themselves are kept.";

/** Export, import and named snapshots of the caller's own sandbox. */
const sandboxSnapshots: FastifyPluginAsyncZod<SandboxSnapshotsOptions> = async (app, options) => {
  const limits = options.limits ?? DEFAULT_SNAPSHOT_LIMITS;

  app.get(
    "/sandbox/export",
    {
      schema: {
        operationId: "exportSandbox",
        tags: ["Sandbox"],
        summary: "Export the sandbox's state as a file",
        description: `Your sandbox's whole state as one JSON file: import it later with \`POST /v1/sandbox/import\` (into this app, or another app's sandbox, where every id is replaced). ${FILE_HEADERS}`,
        response: { 200: jsonResponse("The sandbox's state.", SandboxExport), ...problemResponses() },
      },
    },
    async (request, reply) => {
      const realNow = app.now();
      const file = await exportSandbox({
        db: app.db,
        tenantId: request.tenantId,
        realNow,
        sandboxTime: tenantNow(request.tenant!, realNow),
      });
      return reply.header("content-disposition", `attachment; filename="${fileName(request.tenantId, realNow)}"`).send(file);
    },
  );

  app.post(
    "/sandbox/import",
    {
      bodyLimit: limits.maxBytes,
      config: { movesMoney: false },
      schema: {
        operationId: "importSandbox",
        tags: ["Sandbox"],
        summary: "Import a sandbox file",
        description: `Replaces your sandbox's state with a file from \`GET /v1/sandbox/export\` or \`GET /v1/sandbox/snapshots/{snapshot}/export\`. A file from another app's sandbox gets new ids (deterministic: importing it again gives the same ones); from this app, ids are kept. ${RESTORE_EFFECTS} A file that is not an export, of another version, or whose rows refer to rows it does not contain is refused with 422 \`invalid_sandbox_export\` and a pointer per problem; nothing changes. Files larger than ${formatBytes(limits.maxBytes)} are refused with 413.`,
        body: SandboxExportUpload,
        ...exampleRun({ manual: "Its body is a whole export file: download one with GET /v1/sandbox/export and send it unchanged." }),
        response: {
          200: jsonResponse("The sandbox now holds the file's state.", SnapshotRestoreResult),
          ...problemResponses({ 422: "`invalid_sandbox_export`: not an export this bank reads; `errors[]` points at each problem." }),
        },
      },
    },
    async (request) => {
      const file = parseSandboxExport(request.body);
      const result = await restoreSandbox({ db: app.db, tenantId: request.tenantId, file, realNow: app.now() });
      app.ensureTenant.forget(request.tenantId);
      return toRestoreResult(result);
    },
  );

  app.post(
    "/sandbox/snapshots",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "createSandboxSnapshot",
        tags: ["Sandbox"],
        summary: "Take a named snapshot",
        description: `Stores your sandbox's current state under a name, to restore it later (\`POST /v1/sandbox/snapshots/{snapshot}/restore\`): a CI suite takes \`ci-baseline\` once and restores it before each run. An app keeps at most ${limits.maxCount} snapshots (409 \`snapshot_limit_reached\`: delete one first) of at most ${formatBytes(limits.maxBytes)} each (413 \`snapshot_too_large\`); names are unique (409 \`snapshot_name_taken\`). Snapshots survive resets and restores.`,
        body: CreateSnapshotBody,
        response: {
          201: jsonResponse("The snapshot.", Snapshot),
          ...problemResponses({ 409: "`snapshot_limit_reached` (delete a snapshot first) or `snapshot_name_taken`." }),
        },
      },
    },
    async (request, reply) => {
      const realNow = app.now();
      const snapshot = await takeSnapshot({
        db: app.db,
        tenantId: request.tenantId,
        name: request.body.name,
        realNow,
        sandboxTime: tenantNow(request.tenant!, realNow),
        limits,
      });
      return reply.code(201).send(toSnapshot(snapshot));
    },
  );

  app.get(
    "/sandbox/snapshots",
    {
      schema: {
        operationId: "listSandboxSnapshots",
        tags: ["Sandbox"],
        summary: "List the snapshots",
        description: `Your app's snapshots, newest first (at most ${limits.maxCount}).`,
        response: { 200: jsonResponse("The snapshots.", SnapshotList), ...problemResponses() },
      },
    },
    async (request) => {
      const rows = await app.db.bankSnapshot.findMany({
        where: { tenantId: request.tenantId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        omit: { payload: true },
      });
      return { data: rows.map((row) => toSnapshot(row as BankSnapshot)), next_cursor: null };
    },
  );

  app.get(
    "/sandbox/snapshots/:snapshot",
    {
      schema: {
        operationId: "getSandboxSnapshot",
        tags: ["Sandbox"],
        summary: "Get a snapshot",
        description: "A snapshot by its id (`snap_…`) or its name.",
        params: SnapshotParams,
        response: { 200: jsonResponse("The snapshot.", Snapshot), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request) => toSnapshot(await findSnapshot({ db: app.db, tenantId: request.tenantId, snapshot: request.params.snapshot })),
  );

  app.get(
    "/sandbox/snapshots/:snapshot/export",
    {
      schema: {
        operationId: "exportSandboxSnapshot",
        tags: ["Sandbox"],
        summary: "Download a snapshot as a file",
        description: `The snapshot's state as an export file, the same format as \`GET /v1/sandbox/export\`. ${FILE_HEADERS}`,
        params: SnapshotParams,
        response: { 200: jsonResponse("The snapshot's state.", SandboxExport), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request, reply) => {
      const snapshot = await findSnapshot({ db: app.db, tenantId: request.tenantId, snapshot: request.params.snapshot });
      return reply
        .header("content-disposition", `attachment; filename="${fileName(request.tenantId, snapshot.createdAt, snapshot.name)}"`)
        .send(JSON.parse(snapshotFile(snapshot)));
    },
  );

  app.post(
    "/sandbox/snapshots/:snapshot/restore",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "restoreSandboxSnapshot",
        tags: ["Sandbox"],
        summary: "Restore a snapshot",
        description: `Puts your sandbox back to the snapshot (by id or name). ${RESTORE_EFFECTS} No request body.`,
        params: SnapshotParams,
        response: {
          200: jsonResponse("The sandbox now holds the snapshot's state.", SnapshotRestoreResult),
          ...problemResponses({ 404: NOT_FOUND }),
        },
      },
    },
    async (request) => {
      const snapshot = await findSnapshot({ db: app.db, tenantId: request.tenantId, snapshot: request.params.snapshot });
      const file = parseSandboxExport(JSON.parse(snapshotFile(snapshot)), `/snapshots/${snapshot.id}`);
      const result = await restoreSandbox({ db: app.db, tenantId: request.tenantId, file, realNow: app.now() });
      app.ensureTenant.forget(request.tenantId);
      return toRestoreResult(result);
    },
  );

  app.delete(
    "/sandbox/snapshots/:snapshot",
    {
      config: { movesMoney: false },
      schema: {
        operationId: "deleteSandboxSnapshot",
        tags: ["Sandbox"],
        summary: "Delete a snapshot",
        description: "Deletes a snapshot (by id or name), making room for another. The sandbox's state is not touched.",
        params: SnapshotParams,
        ...exampleRun({ last: true }),
        response: { 204: z.null().describe("Deleted: no body."), ...problemResponses({ 404: NOT_FOUND }) },
      },
    },
    async (request, reply) => {
      const snapshot = await findSnapshot({ db: app.db, tenantId: request.tenantId, snapshot: request.params.snapshot });
      await app.db.bankSnapshot.deleteMany({ where: { id: snapshot.id, tenantId: request.tenantId } });
      return reply.code(204).send(null);
    },
  );
};

export default sandboxSnapshots;
