"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { writeClipboard } from "@/components/ui/copy-button";
import { IconCheck, IconCopy, IconBook } from "@/components/ui/icons";

/**
 * The guide as Markdown, for an AI assistant or an editor: a link to `/docs/guides/<slug>.md`
 * (a file, so a plain link) and a button that copies that Markdown, fetched when pressed (the
 * page does not carry a second copy of the guide).
 */
export function GuideMarkdownActions({ href }: { href: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    let ok = false;
    try {
      const response = await fetch(href);
      ok = response.ok && (await writeClipboard(await response.text()));
    } catch {
      ok = false;
    }
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  }

  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy for LLM";
  return (
    <div className="mt-4 flex flex-wrap items-center gap-2" data-testid="guide-markdown-actions">
      <a href={href} type="text/markdown" className={buttonClasses({ variant: "secondary", size: "sm" })}>
        <IconBook />
        View as Markdown
      </a>
      <button type="button" onClick={copy} className={buttonClasses({ variant: "secondary", size: "sm" })}>
        {state === "copied" ? <IconCheck /> : <IconCopy />}
        <span>{text}</span>
        <span role="status" className="sr-only">
          {state === "idle" ? "" : state === "copied" ? "Guide copied as Markdown" : "Copy failed"}
        </span>
      </button>
    </div>
  );
}
