import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code";
import { CopyButton } from "@/components/ui/copy-button";
import {
  IconArrowRight,
  IconClock,
  IconIdCard,
  IconKey,
  IconPercent,
  IconShield,
  IconTerminal,
  IconTransfer,
  IconUserPlus,
  IconWallet,
} from "@/components/ui/icons";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { portalUrl } from "@/lib/http/portal-url";

const areas: Array<{ icon: ReactNode; title: string; text: string; points: string[] }> = [
  {
    icon: <IconWallet size={20} />,
    title: "Accounts & transactions",
    text: "Accounts, balances and months of categorised history for every test customer.",
    points: ["Current, savings and credit card accounts", "Cursor-paginated transactions", "Pending to posted, as in real life"],
  },
  {
    icon: <IconTransfer size={20} />,
    title: "Payments",
    text: "Transfers on a double-entry ledger, safe to retry with idempotency keys.",
    points: [
      "Idempotency-Key on every create",
      "Magic amounts for declines and insufficient funds",
      "Signed webhooks when payments settle",
    ],
  },
  {
    icon: <IconPercent size={20} />,
    title: "Lending",
    text: "Loan applications with instant credit decisions and repayment schedules.",
    points: ["Good-credit and thin-file personas", "Decisions delivered as events", "Repayments as sandbox time moves on"],
  },
  {
    icon: <IconIdCard size={20} />,
    title: "Identity & KYC",
    text: "Onboard customers through identity checks and AML screening you can steer.",
    points: ["Approved, needs-review and rejected paths", "AML hits from magic names", "OAuth consent with PKCE"],
  },
  {
    icon: <IconShield size={20} />,
    title: "Wealth & insurance",
    text: "Savings and investment products, and insurance quotes, on the same customers.",
    points: ["Fixed-term deposits and ISAs", "Portfolio valuations", "Home and travel insurance quotes"],
  },
  {
    icon: <IconClock size={20} />,
    title: "Sandbox controls",
    text: "Make the hard cases happen on demand, then put everything back.",
    points: ["Reset to the seed in one call", "Simulate incoming money, advance the clock", "Inject latency and bank outages"],
  },
];

/** Colours for the hand-highlighted samples below (on the always-dark code surface). */
const tone = {
  command: "text-teal-300",
  flag: "text-sky-300",
  string: "text-amber-200",
  key: "text-indigo-200",
  muted: "text-slate-500",
};

function Span({ className, children }: { className: string; children: ReactNode }) {
  return <span className={className}>{children}</span>;
}

export default async function HomePage() {
  const user = await getCurrentUser();
  const base = portalUrl().replace(/\/$/, "");
  const curl = `curl ${base}/v1/accounts \\\n  -H "Authorization: Bearer sk_sandbox_…"`;
  const start = user ? { href: "/dashboard", label: "Go to your dashboard" } : { href: "/signup", label: "Get sandbox keys" };

  return (
    <>
      {/* Hero */}
      <section className="relative overflow-hidden border-b border-border bg-surface">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 bg-[radial-gradient(60rem_30rem_at_85%_-10%,color-mix(in_oklab,var(--primary)_16%,transparent),transparent_70%),radial-gradient(40rem_24rem_at_0%_0%,color-mix(in_oklab,var(--accent)_10%,transparent),transparent_70%)]"
        />
        <div className="relative mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 sm:py-20 lg:grid-cols-[1.05fr_1fr] lg:py-24">
          <div>
            <Badge tone="brand" dot>
              Free sandbox · no card needed
            </Badge>
            <h1 className="mt-5 text-4xl font-semibold tracking-tight text-balance text-fg sm:text-5xl lg:text-[3.4rem] lg:leading-[1.08]">
              Build on a real bank, in a sandbox
            </h1>
            <p className="mt-5 max-w-xl text-lg text-pretty text-fg-muted">
              Accounts, payments, lending, identity and wealth APIs on a simulated bank with realistic customers, months of history and
              signed webhooks. Sign up, get a key, make your first call in under a minute.
            </p>
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <ButtonLink href={start.href} size="lg" icon={<IconKey size={18} />}>
                {start.label}
              </ButtonLink>
              <ButtonLink href="/docs/api" size="lg" variant="secondary">
                Read the docs
              </ButtonLink>
            </div>
            <ul className="mt-8 flex flex-wrap gap-x-6 gap-y-2 text-sm text-fg-muted">
              {["Isolated bank per app", "OpenAPI 3.1 contract", "RFC 9457 errors"].map((item) => (
                <li key={item} className="flex items-center gap-2">
                  <span aria-hidden="true" className="size-1.5 rounded-full bg-primary" />
                  {item}
                </li>
              ))}
            </ul>
          </div>

          <div className="min-w-0">
            <CodeBlock code={curl} title="Your first call" copyLabel="curl command" className="shadow-raised">
              <Span className={tone.muted}>$ </Span>
              <Span className={tone.command}>curl</Span> {base}/v1/accounts \{"\n"}
              {"    "}
              <Span className={tone.flag}>-H</Span> <Span className={tone.string}>&quot;Authorization: Bearer sk_sandbox_…&quot;</Span>
              {"\n\n"}
              <Span className={tone.muted}>{"{"}</Span>
              {"\n  "}
              <Span className={tone.key}>&quot;data&quot;</Span>: [{"\n    {\n      "}
              <Span className={tone.key}>&quot;id&quot;</Span>: <Span className={tone.string}>&quot;acc_3mJ0wqG5XnS1…&quot;</Span>,
              {"\n      "}
              <Span className={tone.key}>&quot;type&quot;</Span>: <Span className={tone.string}>&quot;current&quot;</Span>,{"\n      "}
              <Span className={tone.key}>&quot;name&quot;</Span>: <Span className={tone.string}>&quot;Everyday Current Account&quot;</Span>,
              {"\n      "}
              <Span className={tone.key}>&quot;currency&quot;</Span>: <Span className={tone.string}>&quot;GBP&quot;</Span>,{"\n      "}
              <Span className={tone.key}>&quot;status&quot;</Span>: <Span className={tone.string}>&quot;active&quot;</Span>
              {"\n    }\n  ],\n  "}
              <Span className={tone.key}>&quot;next_cursor&quot;</Span>: <Span className={tone.flag}>null</Span>
              {"\n"}
              <Span className={tone.muted}>{"}"}</Span>
            </CodeBlock>
          </div>
        </div>
      </section>

      {/* Product areas */}
      <section aria-labelledby="areas-title" className="mx-auto w-full max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
        <div className="max-w-2xl">
          <p className="text-sm font-semibold text-primary">One bank, every product</p>
          <h2 id="areas-title" className="mt-2 text-3xl font-semibold tracking-tight text-fg">
            The whole bank, behind one API key
          </h2>
          <p className="mt-3 text-fg-muted">
            Every app gets its own sandbox tenant seeded with the same test customers, so your tests are repeatable and nobody else&apos;s
            transfers show up in your data.
          </p>
        </div>
        <ul className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {areas.map((area) => (
            <li key={area.title} className="flex flex-col rounded-card border border-border bg-surface p-6 shadow-card">
              <div className="flex size-10 items-center justify-center rounded-control bg-primary-soft text-primary-soft-fg">
                {area.icon}
              </div>
              <h3 className="mt-4 text-base font-semibold text-fg">{area.title}</h3>
              <p className="mt-1.5 text-sm text-fg-muted">{area.text}</p>
              <ul className="mt-4 space-y-1.5 border-t border-border pt-4 text-sm text-fg-muted">
                {area.points.map((point) => (
                  <li key={point} className="flex gap-2">
                    <span aria-hidden="true" className="mt-[0.55rem] size-1 shrink-0 rounded-full bg-fg-subtle" />
                    {point}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      {/* First call in a minute */}
      <section aria-labelledby="steps-title" className="border-y border-border bg-surface">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
          <div className="max-w-2xl">
            <p className="text-sm font-semibold text-primary">Quickstart</p>
            <h2 id="steps-title" className="mt-2 text-3xl font-semibold tracking-tight text-fg">
              Your first call in a minute
            </h2>
          </div>
          <ol className="mt-10 grid gap-6 md:grid-cols-3">
            <Step number={1} icon={<IconUserPlus size={18} />} title="Create an account">
              Name, email and a password. You get a personal team to hold your apps.
            </Step>
            <Step number={2} icon={<IconKey size={18} />} title="Register an app">
              Your app gets a sandbox key (<span className="font-mono text-[0.9em]">sk_sandbox_…</span>) and its own bank full of test
              customers.
            </Step>
            <Step number={3} icon={<IconTerminal size={18} />} title="Call the API">
              Send the key as a bearer token. Every response has an <span className="font-mono text-[0.9em]">X-Request-Id</span> you can
              find in your request log.
            </Step>
          </ol>
          <div className="mt-8 flex items-start gap-2 overflow-hidden rounded-card border border-code-border bg-code-bg py-2 pr-2 pl-4 text-code-fg">
            <pre className="min-w-0 flex-1 overflow-x-auto py-2 font-mono text-[13px] leading-relaxed">
              <code>{curl}</code>
            </pre>
            <CopyButton value={curl} label="curl command" variant="inverse" />
          </div>
        </div>
      </section>

      {/* Call to action */}
      <section className="mx-auto w-full max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
        <div className="relative overflow-hidden rounded-[1.25rem] bg-[linear-gradient(135deg,#0f766e,#134e4a_55%,#312e81)] px-6 py-12 text-center sm:px-12">
          <h2 className="text-3xl font-semibold tracking-tight text-balance text-white">Start building today</h2>
          <p className="mx-auto mt-3 max-w-xl text-teal-50/90">
            Free, instant and yours alone: a whole bank to build against, back to its seed whenever you like.
          </p>
          <div className="mt-8 flex flex-wrap justify-center gap-3">
            <ButtonLink href={start.href} size="lg" variant="white" icon={<IconArrowRight size={18} />}>
              {user ? "Go to your dashboard" : "Create a free account"}
            </ButtonLink>
          </div>
        </div>
      </section>
    </>
  );
}

function Step({ number, icon, title, children }: { number: number; icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <li className="relative rounded-card border border-border bg-bg p-6">
      <div className="flex items-center gap-3">
        <span className="flex size-8 items-center justify-center rounded-full bg-primary text-sm font-semibold text-primary-fg">
          {number}
        </span>
        <span className="text-fg-muted">{icon}</span>
      </div>
      <h3 className="mt-4 text-base font-semibold text-fg">{title}</h3>
      <p className="mt-1.5 text-sm text-fg-muted">{children}</p>
    </li>
  );
}
