"use client";

import { useId } from "react";
import { Input } from "./input";

/**
 * "Type <expected> to confirm": the guard of an action that cannot be undone. Compared exactly
 * (after trimming), so a paste of the right value works and a near miss does not.
 */
export function ConfirmTextField({
  expected,
  value,
  onChange,
  what,
}: {
  expected: string;
  value: string;
  onChange: (value: string) => void;
  /** What the value is, for the label: "the app's name", "your email address". */
  what: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm text-fg">
        To confirm, type {what} <strong className="font-mono font-semibold [overflow-wrap:anywhere]">{expected}</strong>
      </label>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        data-confirm-input=""
      />
    </div>
  );
}

export function confirms(value: string, expected: string): boolean {
  return value.trim() === expected;
}
