"use client";

import { useEffect, useRef } from "react";
import { createRoot } from "react-dom/client";
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
 *
 * It renders in a React root of its own, as Swagger UI does when mounted on a DOM node. Its
 * class components still use `UNSAFE_componentWillReceiveProps` (12 of them in 5.35.1, the
 * latest; swagger-api/swagger-ui#10648 is open), which React reports under StrictMode, and
 * Next puts the whole app under StrictMode in development. Outside that tree the warning is
 * never raised, while our own components keep StrictMode's checks.
 */
export default function SwaggerConsole(props: SwaggerConsoleProps) {
  const host = useRef<HTMLDivElement>(null);
  // Swagger UI reads its callbacks once, at start (as swagger-ui-react does); the parent's
  // callbacks read refs, so the first ones stay right.
  const callbacks = useRef(props);
  const { url } = props;

  useEffect(() => {
    const node = host.current;
    if (!node) return;
    const container = node.appendChild(document.createElement("div"));
    let live = true;
    const root = createRoot(container);
    root.render(
      <SwaggerUI
        url={url}
        docExpansion="list"
        deepLinking
        tryItOutEnabled
        displayRequestDuration
        showMutatedRequest={false}
        defaultModelsExpandDepth={0}
        requestInterceptor={((request: unknown) => callbacks.current.requestInterceptor(request)) as never}
        // A console torn down before its document arrived (StrictMode's test remount) stays quiet.
        onComplete={(system) => live && callbacks.current.onComplete(system)}
      />,
    );
    const stopRepairs = repairAsItRenders(container);
    return () => {
      live = false;
      stopRepairs?.();
      // Unmounting a root while React commits this one is refused: do it right after.
      setTimeout(() => {
        root.unmount();
        container.remove();
      });
    };
  }, [url]);

  return <div ref={host} />;
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
    for (const control of root.querySelectorAll<HTMLElement>(
      "select:not([aria-label]), input:not([aria-label]):not([type=hidden]), textarea:not([aria-label])",
    )) {
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
