import { CodeBlock } from "@/components/ui/code";

/** One side of a logged exchange: its headers as a table, its body as code. */
export function ExchangePanel({ title, headers, body }: { title: string; headers: Record<string, string>; body: string | null }) {
  const entries = Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
  const id = `exchange-${title.toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="flex min-w-0 flex-col gap-3">
      <h3 id={id} className="text-base font-semibold text-fg">
        {title}
      </h3>
      <div className="overflow-hidden rounded-card border border-border bg-surface shadow-card">
        <table className="w-full text-left text-xs">
          <caption className="sr-only">{title} headers</caption>
          <thead className="bg-surface-muted text-fg-muted">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Header
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Value
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {entries.length === 0 ? (
              <tr>
                <td colSpan={2} className="px-4 py-3 text-fg-muted">
                  No headers
                </td>
              </tr>
            ) : (
              entries.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row" className="px-4 py-1.5 align-top font-mono font-normal whitespace-nowrap text-fg-muted">
                    {name}
                  </th>
                  <td className="px-4 py-1.5 font-mono break-all text-fg">{value}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {body === null ? (
        <p className="rounded-card border border-dashed border-border-strong px-4 py-3 text-sm text-fg-muted">No body</p>
      ) : (
        <CodeBlock
          code={body}
          title={`${title} body`}
          copyLabel={`${title.toLowerCase()} body`}
          className="max-h-[32rem] overflow-y-auto"
        />
      )}
    </section>
  );
}
