"use client";

import { useEffect, useRef } from "react";
import SwaggerUI from "swagger-ui-react";
import "swagger-ui-react/swagger-ui.css";
import "./swagger-overrides.css";

export type SwaggerConsoleProps = {
  url: string;
  requestInterceptor: (request: unknown) => unknown;
  onComplete: (system: unknown) => void;
};

/**
 * Swagger UI with its stylesheet and our overrides: the heavy half of the API reference
 * (about 400 KiB of script and its CSS), in its own chunk so the page paints without it.
 */
export default function SwaggerConsole({ url, requestInterceptor, onComplete }: SwaggerConsoleProps) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => repairAsItRenders(root.current), []);
  return (
    <div ref={root}>
      <SwaggerUI
        url={url}
        docExpansion="list"
        deepLinking
        tryItOutEnabled
        displayRequestDuration
        showMutatedRequest={false}
        defaultModelsExpandDepth={0}
        requestInterceptor={requestInterceptor as never}
        onComplete={onComplete}
      />
    </div>
  );
}

/**
 * Repairs what Swagger UI renders against WCAG (checked by axe-core in e2e/api-reference.spec.ts),
 * as it appears: operations render their parts only when opened.
 *  - form controls without a name: the server picker, an enum parameter's <select> (its visible
 *    name sits in another table cell);
 *  - the deep link inside each operation's summary button (a link nested in a button): the
 *    button opens the operation and sets the same URL hash, so the inner link loses its href;
 *  - scrollable code samples: focusable, so keyboard users can scroll them.
 */
function repairAsItRenders(root: HTMLElement | null): (() => void) | undefined {
  if (!root) return undefined;
  let scheduled = 0;
  const repair = () => {
    scheduled = 0;
    for (const control of root.querySelectorAll<HTMLElement>("select:not([aria-label]), input:not([aria-label]):not([type=hidden]), textarea:not([aria-label])")) {
      if (control.id === "servers") {
        control.setAttribute("aria-label", "Server");
        continue;
      }
      const row = control.closest<HTMLElement>("tr[data-param-name]");
      if (row) control.setAttribute("aria-label", `${row.dataset.paramName} (${row.dataset.paramIn ?? "parameter"})`);
    }
    for (const link of root.querySelectorAll("button a[href]")) link.removeAttribute("href");
    for (const code of root.querySelectorAll<HTMLElement>(".highlight-code pre:not([tabindex])")) code.tabIndex = 0;
  };
  const observer = new MutationObserver(() => {
    if (!scheduled) scheduled = requestAnimationFrame(repair);
  });
  observer.observe(root, { childList: true, subtree: true });
  repair();
  return () => {
    observer.disconnect();
    cancelAnimationFrame(scheduled);
  };
}
