import type { ReactNode } from "react";

/** Sign-in and sign-up: one focused task on a quiet background. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="relative flex flex-1 justify-center px-4 py-10 sm:py-16">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 h-80 bg-[radial-gradient(40rem_16rem_at_50%_0%,color-mix(in_oklab,var(--primary)_12%,transparent),transparent_75%)]"
      />
      <div className="relative w-full max-w-5xl">{children}</div>
    </div>
  );
}
