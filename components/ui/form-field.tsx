import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { IconAlertCircle } from "./icons";
import { Label } from "./label";

/** The attributes that tie a control to its label, hint and error. Spread them on the control. */
export type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

export function FieldError({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="flex items-start gap-1.5 text-sm text-danger">
      <IconAlertCircle size={16} className="mt-0.5 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

export function FieldHint({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="text-sm text-fg-muted">
      {children}
    </p>
  );
}

/**
 * Label + control + hint + error, wired for assistive tech:
 *
 *   <FormField id="email" label="Email" error={errors.email}>
 *     {(control) => <Input {...control} type="email" name="email" autoComplete="email" />}
 *   </FormField>
 */
export function FormField({
  id,
  label,
  hint,
  error,
  optional,
  labelAside,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  optional?: boolean;
  /** Something on the label's line, right-aligned (e.g. a "Forgot password?" link). */
  labelAside?: ReactNode;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id} optional={optional}>
          {label}
        </Label>
        {labelAside}
      </div>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      <FieldError id={errorId}>{error}</FieldError>
      <FieldHint id={hintId}>{hint}</FieldHint>
    </div>
  );
}
