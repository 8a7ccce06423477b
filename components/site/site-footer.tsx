import Link from "next/link";
import { LogoMark } from "./logo";
import { ThemeToggle } from "./theme-toggle";

const columns = [
  {
    title: "Build",
    links: [
      { href: "/docs/api", label: "API reference" },
      { href: "/docs/guides/consent-flow", label: "Consent flow (OAuth)" },
      { href: "/docs/errors", label: "Errors" },
      { href: "/docs/sandbox", label: "Personas & magic values" },
      { href: "/docs/guides/webhooks", label: "Webhooks" },
      { href: "/openapi.json", label: "OpenAPI document", plain: true },
    ],
  },
  {
    title: "Account",
    links: [
      { href: "/signup", label: "Create an account" },
      { href: "/signin", label: "Sign in" },
      { href: "/dashboard", label: "Dashboard" },
    ],
  },
];

export function SiteFooter() {
  return (
    <footer className="border-t border-border bg-surface">
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-12 sm:px-6 md:grid-cols-[1fr_auto_auto] md:gap-16">
        <div className="max-w-sm">
          <div className="flex items-center gap-2.5">
            <LogoMark size={24} />
            <span className="text-sm font-semibold text-fg">Open Bank Developers</span>
          </div>
          <p className="mt-3 text-sm text-fg-muted">
            The sandbox for building on Open Bank&apos;s APIs. Every customer, account and payment here is simulated: no real money moves.
          </p>
        </div>
        {columns.map((column) => (
          <nav key={column.title} aria-label={column.title}>
            <h2 className="text-sm font-semibold text-fg">{column.title}</h2>
            <ul className="mt-3 space-y-2">
              {column.links.map((link) => (
                <li key={link.href}>
                  {"plain" in link ? (
                    // A JSON document, not a page: a plain link, no client-side navigation.
                    <a href={link.href} className="text-sm text-fg-muted hover:text-fg">
                      {link.label}
                    </a>
                  ) : (
                    <Link href={link.href} className="text-sm text-fg-muted hover:text-fg">
                      {link.label}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <div className="border-t border-border">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-5 sm:px-6">
          <p className="text-xs text-fg-muted">© {new Date().getFullYear()} Open Bank. Sandbox environment: simulated data only.</p>
          <ThemeToggle />
        </div>
      </div>
    </footer>
  );
}
