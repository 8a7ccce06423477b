import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/guides/breadcrumbs";
import { loadGuides } from "@/lib/guides/load-guides";

export const metadata: Metadata = {
  title: "Guides",
  description: "Step-by-step guides to the sandbox bank: from your first call to payments, consent and time travel.",
};

export default function GuidesIndex() {
  const guides = loadGuides();
  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10 sm:px-6">
      <Breadcrumbs crumbs={[{ label: "Docs", href: "/docs" }, { label: "Guides" }]} />
      <h1 className="mt-4 text-3xl font-semibold tracking-tight text-fg">Guides</h1>
      <p className="mt-2 text-lg text-fg-muted">
        Each guide is a sequence of steps with curl, Node and Python samples you can run against your sandbox.
      </p>
      <ol className="mt-8 grid gap-4 sm:grid-cols-2">
        {guides.map((guide, index) => (
          <li key={guide.slug}>
            <Link
              href={`/docs/guides/${guide.slug}`}
              className="block h-full rounded-card border border-border bg-surface p-5 hover:border-primary"
            >
              <span className="text-xs font-medium text-primary">Guide {index + 1}</span>
              <span className="mt-1 block font-semibold text-fg">{guide.title}</span>
              <span className="mt-1 block text-sm text-fg-muted">{guide.description}</span>
            </Link>
          </li>
        ))}
      </ol>
    </div>
  );
}
