import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/cn";
import { CopyButton } from "./copy-button";

/** Inline code: identifiers, paths, header names. */
export function Code({ className, ...props }: ComponentProps<"code">) {
  return (
    <code
      className={cn("rounded-md border border-border bg-surface-muted px-1.5 py-0.5 font-mono text-[0.875em] text-fg", className)}
      {...props}
    />
  );
}

/** The markup of our catalogues' prose (the sandbox reference, readiness checks): backticks mark code, double asterisks bold. */
export function InlineMarkup({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, index) =>
        index % 2 ? (
          <Code key={index}>{part}</Code>
        ) : (
          part.split("**").map((piece, j) =>
            j % 2 ? (
              <strong key={`${index}-${j}`} className="font-semibold text-fg">
                {piece}
              </strong>
            ) : (
              piece
            ),
          )
        ),
      )}
    </>
  );
}

/**
 * A block of code with a title bar and a copy button. `code` is what gets copied; pass
 * `children` to render it differently (e.g. with highlighted spans).
 */
export function CodeBlock({
  code,
  title,
  language,
  copyLabel = "code",
  children,
  className,
}: {
  code: string;
  title?: ReactNode;
  language?: string;
  copyLabel?: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("overflow-hidden rounded-card border border-code-border bg-code-bg text-code-fg", className)}>
      <div className="flex items-center justify-between gap-3 border-b border-white/10 py-1.5 pr-1.5 pl-4">
        <span className="truncate text-xs font-medium text-slate-400">{title ?? language}</span>
        <CopyButton value={code} label={copyLabel} variant="inverse" />
      </div>
      {/* Focusable, so a keyboard can scroll a block wider than the page (WCAG 2.1.1). */}
      <pre
        tabIndex={0}
        className="overflow-x-auto p-4 font-mono text-[13px] leading-relaxed focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-primary"
      >
        <code>{children ?? code}</code>
      </pre>
    </div>
  );
}
