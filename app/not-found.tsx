import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { IconArrowRight, IconSearch } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-20 text-center">
      <div className="flex size-14 items-center justify-center rounded-full bg-primary-soft text-primary-soft-fg">
        <IconSearch size={26} />
      </div>
      <p className="mt-6 font-mono text-sm font-medium text-primary">404 · not_found</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-fg">We couldn&apos;t find that page</h1>
      <p className="mt-3 text-fg-muted">
        The link may be old or mistyped. If you were looking for an API endpoint, the reference lists every one.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <ButtonLink href="/" variant="secondary">
          Back to home
        </ButtonLink>
        <ButtonLink href="/docs/api" icon={<IconArrowRight />}>
          API reference
        </ButtonLink>
      </div>
    </div>
  );
}
