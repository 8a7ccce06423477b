import type { GuideHeading } from "@/lib/guides/load-guides";

/** "On this page": the guide's h2/h3 headings as anchor links. */
export function GuideToc({ headings }: { headings: GuideHeading[] }) {
  if (headings.length === 0) return null;
  return (
    <nav aria-labelledby="toc-title" className="text-sm">
      <h2 id="toc-title" className="text-xs font-semibold tracking-wide text-fg-muted uppercase">
        On this page
      </h2>
      <ul className="mt-3 space-y-2 border-l border-border">
        {headings.map((heading) => (
          <li key={heading.id} className={heading.depth === 3 ? "pl-6" : "pl-3"}>
            <a href={`#${heading.id}`} className="-ml-px block border-l border-transparent pl-0 text-fg-muted hover:text-fg">
              {heading.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
