import type { ReactNode } from "react";

/** A guide's table in a bordered frame that scrolls sideways on narrow screens; focusable, so a keyboard can scroll it (WCAG 2.1.1). */
export function TableFrame({ children }: { children: ReactNode }) {
  return (
    <div
      tabIndex={0}
      className="mt-6 overflow-x-auto rounded-card border border-border focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary"
    >
      {children}
    </div>
  );
}
