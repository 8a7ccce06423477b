"use client";

import { useId, useSyncExternalStore, type ComponentType } from "react";
import { cn } from "@/lib/cn";
import { IconMonitor, IconMoon, IconSun } from "@/components/ui/icons";
import { applyTheme, parseTheme, THEME_STORAGE_KEY, THEMES, type Theme } from "@/lib/theme/theme";

const OPTIONS: Record<Theme, { label: string; Icon: ComponentType<{ size?: number }> }> = {
  system: { label: "System", Icon: IconMonitor },
  light: { label: "Light", Icon: IconSun },
  dark: { label: "Dark", Icon: IconMoon },
};

const CHANGE_EVENT = "themechange";

function readStoredTheme(): Theme {
  try {
    return parseTheme(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return "system";
  }
}

/** Changes here, and in other tabs (the storage event), re-render every toggle and re-apply the class. */
function subscribe(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY) return;
    applyTheme(readStoredTheme());
    onChange();
  };
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onStorage);
  };
}

/**
 * System / light / dark as a radio group of native radios (arrow keys move the choice, the
 * group has a name), drawn as three small icon buttons. The inline script in the root layout
 * applied the stored choice before paint; this only reflects and changes it.
 */
export function ThemeToggle({ className }: { className?: string }) {
  // The stored choice is only readable in the browser; the server renders "system".
  const theme = useSyncExternalStore(subscribe, readStoredTheme, () => "system" as Theme);
  const name = useId();

  function choose(next: Theme) {
    applyTheme(next);
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }

  return (
    // `className` sets the display (default flex), so "hidden sm:flex" works without class conflicts.
    <fieldset className={cn(className ?? "flex", "items-center rounded-full border border-border bg-surface-muted p-0.5")}>
      <legend className="sr-only">Colour theme</legend>
      {THEMES.map((option) => {
        const { label, Icon } = OPTIONS[option];
        const checked = theme === option;
        return (
          <label
            key={option}
            title={label}
            className={cn(
              "relative flex size-7 cursor-pointer items-center justify-center rounded-full transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-ring",
              checked ? "bg-surface text-fg shadow-card" : "text-fg-muted hover:text-fg",
            )}
          >
            <input type="radio" name={name} value={option} checked={checked} onChange={() => choose(option)} className="sr-only" />
            <Icon size={15} />
            <span className="sr-only">{label}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
