"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/lib/cn";
import { Spinner } from "@/components/ui/spinner";
import { IconChevronDown, IconGrid, IconLogOut, IconUser, IconUsers } from "@/components/ui/icons";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? parts.at(-1)![0] : "")).toUpperCase() || "?";
}

const itemClass = "flex w-full items-center gap-2.5 rounded-md px-2.5 py-2 text-left text-sm text-fg hover:bg-surface-muted";

/**
 * The signed-in user's menu: a disclosure (button + panel), closed by Escape, a click outside
 * or focus leaving it. Sign-out clears the session cookie and reloads the header.
 */
export function UserMenu({ user }: { user: { name: string; email: string } }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const router = useRouter();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  async function onSignOut() {
    setSigningOut(true);
    try {
      await signOut({ redirect: false });
      setOpen(false);
      router.replace("/");
      router.refresh();
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <div
      ref={root}
      className="relative"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm text-fg hover:bg-surface-muted"
      >
        <span
          aria-hidden="true"
          className="flex size-7 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-fg"
        >
          {initials(user.name)}
        </span>
        <span className="sr-only">Account menu for </span>
        <span className="hidden max-w-40 truncate font-medium sm:inline">{user.name}</span>
        <span className="sr-only sm:hidden">{user.name}</span>
        <IconChevronDown className={cn("text-fg-muted transition-transform", open && "rotate-180")} />
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-50 mt-2 w-64 rounded-card border border-border bg-surface p-1.5 shadow-raised"
      >
        <div className="border-b border-border px-2.5 pt-1.5 pb-2.5">
          <p className="truncate text-sm font-medium text-fg">{user.name}</p>
          <p className="truncate text-sm text-fg-muted">{user.email}</p>
        </div>
        <div className="pt-1.5">
          <Link href="/dashboard" className={itemClass} onClick={() => setOpen(false)}>
            <IconGrid className="text-fg-muted" />
            Dashboard
          </Link>
          <Link href="/dashboard/teams" className={itemClass} onClick={() => setOpen(false)}>
            <IconUsers className="text-fg-muted" />
            Teams
          </Link>
          <Link href="/account" className={itemClass} onClick={() => setOpen(false)}>
            <IconUser className="text-fg-muted" />
            Account settings
          </Link>
          <button type="button" className={itemClass} onClick={onSignOut} disabled={signingOut}>
            {signingOut ? <Spinner /> : <IconLogOut className="text-fg-muted" />}
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      </div>
    </div>
  );
}
