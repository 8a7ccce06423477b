"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Code, InlineMarkup } from "@/components/ui/code";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ReadinessReportDto } from "@/lib/readiness/readiness-dto";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { callApi, useApiAction } from "@/lib/portal-api/use-api-action";
import { GradeBadge } from "./grade-badge";

const POLL_MS = 1_000;

/** A run's report, refreshed every second while the run is running: the live instruction, each check's grade and evidence, the traffic seen. */
export function ReadinessReport({ initial, mayCancel }: { initial: ReadinessReportDto; mayCancel: boolean }) {
  const [report, setReport] = useState(initial);
  const cancel = useApiAction();
  const appId = report.app_id;
  const running = report.status === "running";

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(async () => {
      const outcome = await callApi(() =>
        portalApi.GET("/api/apps/{appId}/readiness-runs/{runId}/report.json", { params: { path: { appId, runId: report.id } } }),
      );
      if (outcome.ok) setReport(outcome.data as ReadinessReportDto);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, appId, report.id]);

  async function onCancel() {
    const done = await cancel.run(() =>
      portalApi.POST("/api/apps/{appId}/readiness-runs/{runId}/cancel", { params: { path: { appId, runId: report.id } } }),
    );
    if (done?.data) setReport((current) => ({ ...current, ...(done.data as Partial<ReadinessReportDto>) }));
  }

  const current = report.checks.find((check) => check.id === report.current_check);
  const percent = report.progress.total ? Math.round((report.progress.done / report.progress.total) * 100) : 0;

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader className="flex-row flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-3">
            <CardTitle>Overall</CardTitle>
            <span data-testid="run-status">
              <GradeBadge value={report.status} />
            </span>
            {report.grade && (
              <span className="text-sm text-fg-muted">
                worst grade so far: <GradeBadge value={report.grade} />
              </span>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <a
              className="text-sm font-medium text-primary underline-offset-4 hover:underline"
              href={`/api/apps/${appId}/readiness-runs/${report.id}/report.json`}
              download={`readiness-${report.id}.json`}
            >
              Download report.json
            </a>
            {running && mayCancel && (
              <Button variant="secondary" size="sm" onClick={onCancel} loading={cancel.pending}>
                Cancel run
              </Button>
            )}
          </div>
        </CardHeader>
        <CardBody className="flex flex-col gap-4">
          <div className="flex flex-col gap-1">
            <div className="flex justify-between text-xs text-fg-muted">
              <span id="progress-label">
                {report.progress.done} of {report.progress.total} checks done
              </span>
              <span>Time limit {new Date(report.expires_at).toLocaleTimeString("en-GB", { timeZone: "UTC" })} UTC</span>
            </div>
            <progress
              aria-labelledby="progress-label"
              className="h-2 w-full overflow-hidden rounded-full accent-primary"
              max={report.progress.total}
              value={report.progress.done}
            >
              {percent}%
            </progress>
          </div>
          {running && current?.instruction && (
            <Alert tone="info" title={`Now: ${current.title}`} data-testid="live-instruction">
              {current.instruction.text}
            </Alert>
          )}
          {cancel.error && <Alert tone="error">{cancel.error}</Alert>}
        </CardBody>
      </Card>

      <section aria-labelledby="checks-title" className="flex flex-col gap-3">
        <h2 id="checks-title" className="text-lg font-semibold text-fg">
          Checks
        </h2>
        <ol className="flex flex-col gap-3">
          {report.checks.map((check) => (
            <li key={check.id} id={check.id} data-testid="readiness-check" data-check={check.id}>
              <Card>
                <CardHeader className="flex-row flex-wrap items-center justify-between gap-2">
                  <CardTitle className="text-base">{check.title}</CardTitle>
                  <GradeBadge value={check.grade ?? check.status} />
                </CardHeader>
                <CardBody className="flex flex-col gap-3 text-sm">
                  <CardDescription>
                    <InlineMarkup text={check.description} />
                  </CardDescription>
                  {check.summary && (
                    <p className="text-fg">
                      <InlineMarkup text={check.summary} />
                    </p>
                  )}
                  {(check.evidence.request_ids.length > 0 || check.evidence.delivery_ids.length > 0) && (
                    <div>
                      <h3 className="text-xs font-medium text-fg-muted">Evidence</h3>
                      <ul className="mt-1 flex flex-wrap gap-2">
                        {check.evidence.request_ids.map((id) => (
                          <li key={id}>
                            <Link
                              className="font-mono text-xs text-primary underline-offset-4 hover:underline"
                              href={`/dashboard/requests/${id}`}
                            >
                              {id}
                            </Link>
                          </li>
                        ))}
                        {check.evidence.delivery_ids.map((id) => (
                          <li key={id}>
                            <Link
                              className="font-mono text-xs text-primary underline-offset-4 hover:underline"
                              href={`/dashboard/apps/${appId}/timeline?q=${encodeURIComponent(id)}`}
                            >
                              {id}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                  {(check.grade === "fail" || check.grade === "warn") && (
                    <p className="text-fg-muted">
                      <span className="font-medium text-fg">Fix: </span>
                      <InlineMarkup text={check.fix_hint} />{" "}
                      <Link className="text-primary underline-offset-4 hover:underline" href={check.guide_url}>
                        Read the guide
                      </Link>
                    </p>
                  )}
                </CardBody>
              </Card>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="traffic-title" className="flex flex-col gap-3">
        <h2 id="traffic-title" className="text-lg font-semibold text-fg">
          Traffic seen
        </h2>
        {report.traffic.requests.length === 0 ? (
          <p className="text-sm text-fg-muted">No gateway calls from this app during the run yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-card border border-border">
            <Table>
              <THead>
                <TR>
                  <TH>Request</TH>
                  <TH>Call</TH>
                  <TH>Status</TH>
                  <TH>Injected</TH>
                </TR>
              </THead>
              <TBody>
                {report.traffic.requests.map((request) => (
                  <TR key={request.id}>
                    <TD>
                      <Link
                        className="font-mono text-xs text-primary underline-offset-4 hover:underline"
                        href={`/dashboard/requests/${request.id}`}
                      >
                        {request.id}
                      </Link>
                    </TD>
                    <TD className="font-mono text-xs">
                      {request.method} {request.path}
                    </TD>
                    <TD>{request.status}</TD>
                    <TD className="text-xs text-fg-muted">{request.injected ? <Code>{request.injected.split(";")[0]}</Code> : "—"}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        )}
        <p className="text-sm text-fg-muted">
          {report.traffic.deliveries.length} readiness {report.traffic.deliveries.length === 1 ? "attempt" : "attempts"} sent to your
          webhook endpoints.
        </p>
      </section>
    </div>
  );
}
