"use client";

import type { EventTypeInfo } from "@/lib/webhooks/bank-outbox";

/** Checkboxes of the bank's event types; none checked means every type. */
export function EventTypePicker({
  types,
  selected,
  onChange,
}: {
  types: EventTypeInfo[];
  selected: string[];
  onChange: (next: string[]) => void;
}) {
  if (!types.length)
    return <p className="text-sm text-fg-muted">The event catalogue is unavailable right now: the endpoint will receive every type.</p>;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-fg">Events to send</legend>
      <p className="text-sm text-fg-muted">{selected.length === 0 ? "All event types (none selected)." : `${selected.length} selected.`}</p>
      <div className="grid max-h-56 gap-1 overflow-y-auto rounded-control border border-border p-2 sm:grid-cols-2">
        {types.map((info) => (
          <label
            key={info.type}
            className="flex cursor-pointer items-start gap-2 rounded px-1 py-1 text-sm hover:bg-surface-muted"
            title={info.description}
          >
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-primary"
              checked={selected.includes(info.type)}
              onChange={(event) =>
                onChange(event.target.checked ? [...selected, info.type] : selected.filter((type) => type !== info.type))
              }
            />
            <span className="font-mono text-xs leading-5">{info.type}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
