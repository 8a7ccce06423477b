"use client";

import Form from "next/form";
import { useRef } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export type FilterValues = { status?: string; method?: string; path?: string; key?: string; since?: string; from?: string; to?: string };

const labelClass = "flex flex-col gap-1 text-xs font-medium text-fg-muted";

/**
 * The filters as a GET form: every change navigates to a URL that holds the whole view, so
 * a filtered list can be bookmarked or shared. Selects apply at once; text on Enter or Apply.
 */
export function LogFilterBar({
  action,
  values,
  keys,
}: {
  action: string;
  values: FilterValues;
  keys: Array<{ id: string; name: string; prefix: string }>;
}) {
  const form = useRef<HTMLFormElement>(null);
  const submit = () => form.current?.requestSubmit();
  const active = Object.values(values).some(Boolean);

  return (
    <Form
      ref={form}
      action={action}
      role="search"
      aria-label="Filter request logs"
      className="grid gap-3 rounded-card border border-border bg-surface p-4 shadow-card sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_minmax(0,1.6fr)]"
    >
      <label className={labelClass}>
        Status
        <Select name="status" defaultValue={values.status ?? ""} onChange={submit}>
          <option value="">Any status</option>
          <option value="2xx">2xx success</option>
          <option value="3xx">3xx redirect</option>
          <option value="4xx">4xx client error</option>
          <option value="5xx">5xx server error</option>
        </Select>
      </label>
      <label className={labelClass}>
        Method
        <Select name="method" defaultValue={values.method ?? ""} onChange={submit}>
          <option value="">Any method</option>
          {["GET", "POST", "PUT", "PATCH", "DELETE"].map((method) => (
            <option key={method} value={method}>
              {method}
            </option>
          ))}
        </Select>
      </label>
      <label className={labelClass}>
        Key
        <Select name="key" defaultValue={values.key ?? ""} onChange={submit}>
          <option value="">Any key</option>
          {keys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name} ({key.prefix})
            </option>
          ))}
        </Select>
      </label>
      <label className={labelClass}>
        Time
        <Select name="since" defaultValue={values.since ?? ""} onChange={submit}>
          <option value="">All retained</option>
          <option value="1h">Last hour</option>
          <option value="24h">Last 24 hours</option>
          <option value="7d">Last 7 days</option>
          <option value="14d">Last 14 days</option>
        </Select>
      </label>
      <label className={labelClass}>
        Path or request id
        <span className="flex gap-2">
          <Input
            name="path"
            defaultValue={values.path ?? ""}
            placeholder="/v1/payments or req_…"
            className="font-mono"
            spellCheck={false}
          />
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </span>
      </label>
      {(values.from || values.to) && (
        <p className="text-xs text-fg-muted sm:col-span-2 lg:col-span-5">
          {values.from && <input type="hidden" name="from" value={values.from} />}
          {values.to && <input type="hidden" name="to" value={values.to} />}
          Between {values.from ?? "the start of retention"} and {values.to ?? "now"} (from the link).
        </p>
      )}
      {active && (
        <div className="sm:col-span-2 lg:col-span-5">
          <ButtonLink href={action} variant="ghost" size="sm">
            Clear filters
          </ButtonLink>
        </div>
      )}
    </Form>
  );
}
