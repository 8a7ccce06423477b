"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button";
import { IconCheck, IconCopy } from "./icons";

/** Clipboard API where allowed (https, localhost); a hidden textarea elsewhere (http on a LAN IP). */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const textarea = document.createElement("textarea");
    textarea.value = text;
    textarea.setAttribute("readonly", "");
    textarea.style.position = "fixed";
    textarea.style.opacity = "0";
    document.body.appendChild(textarea);
    textarea.select();
    const ok = document.execCommand("copy");
    textarea.remove();
    return ok;
  }
}

/**
 * Copies `value` and says so for two seconds ("Copied", also announced to screen readers).
 * `label` names what is copied: the accessible name becomes "Copy API key".
 */
export function CopyButton({
  value,
  label = "to clipboard",
  showText = false,
  variant = "ghost",
  size = "sm",
  className,
}: {
  value: string;
  label?: string;
  /** Show "Copy"/"Copied" next to the icon (otherwise icon only, named for assistive tech). */
  showText?: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    const ok = await writeClipboard(value);
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  }

  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy";
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={showText ? undefined : `Copy ${label}`}
      title={showText ? undefined : `Copy ${label}`}
      className={buttonClasses({ variant, size, className: cn(!showText && "aspect-square px-0", className) })}
    >
      {state === "copied" ? <IconCheck /> : <IconCopy />}
      {showText && <span>{text}</span>}
      <span role="status" className="sr-only">
        {state === "idle" ? "" : text}
      </span>
    </button>
  );
}
