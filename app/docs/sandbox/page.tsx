import Link from "next/link";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Code, CodeBlock, InlineMarkup } from "@/components/ui/code";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableCaption, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getSandboxReference, type SandboxReference } from "@/lib/docs/get-sandbox-reference";
import { env } from "@/lib/env";
import { formatMoneyForDisplay } from "@openbank/contracts/money";

/** The sandbox's one-time code on the bank's pages (mock-bank's sandbox-authentication.ts says the same). */
const SANDBOX_CODE = "123456";

export const metadata: Metadata = {
  title: "Personas & magic values",
  description: "The sandbox's test customers with their accounts, the Sandbox-Scenario header, magic values and sandbox controls.",
};

// Rendered from the bank's /sandbox-reference.json at request time (the bank is not there at build time).
export const dynamic = "force-dynamic";

type Persona = SandboxReference["personas"][number];
type Account = Persona["accounts"][number];

/** Operation descriptions: paragraphs and numbered lists, one item per line. */
function Description({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length)
      blocks.push(
        <ol key={blocks.length} className="list-decimal space-y-1 pl-5">
          {items.map((item, i) => (
            <li key={i}>
              <InlineMarkup text={item} />
            </li>
          ))}
        </ol>,
      );
    items = [];
  };
  for (const line of text.split("\n")) {
    const item = /^\d+\.\s+(.*)$/.exec(line);
    if (item) {
      items.push(item[1]);
      continue;
    }
    flush();
    if (line.trim())
      blocks.push(
        <p key={blocks.length}>
          <InlineMarkup text={line} />
        </p>,
      );
  }
  flush();
  return <div className="space-y-2 text-sm text-fg-muted">{blocks}</div>;
}

const typeLabel: Record<Account["type"], string> = { current: "Current", savings: "Savings", credit_card: "Credit card" };

function Identifiers({ identifiers }: { identifiers: Account["identifiers"] }) {
  if ("masked_pan" in identifiers) return <span className="font-mono text-xs">{identifiers.masked_pan}</span>;
  return (
    <div className="space-y-0.5 font-mono text-xs">
      <div>
        {identifiers.sort_code.replace(/(\d{2})(\d{2})(\d{2})/, "$1-$2-$3")} {identifiers.account_number}
      </div>
      <div className="text-fg-muted">{identifiers.iban}</div>
    </div>
  );
}

function AccountBadges({ account }: { account: Account }) {
  return (
    <div className="flex flex-wrap gap-1.5">
      <Badge>{typeLabel[account.type]}</Badge>
      <Badge>{account.currency}</Badge>
      {account.status !== "active" && (
        <Badge tone="danger" dot>
          {account.status}
        </Badge>
      )}
    </div>
  );
}

function Balance({ account }: { account: Account }) {
  const negative = account.seeded_balance.amount.startsWith("-");
  return (
    <span className={`font-mono text-xs whitespace-nowrap ${negative ? "text-danger" : "text-fg"}`}>
      {formatMoneyForDisplay(account.seeded_balance)}
    </span>
  );
}

function Notes({ notes }: { notes: string[] }) {
  return (
    <ul className="space-y-0.5 text-xs text-fg-muted">
      {notes.map((note) => (
        <li key={note}>
          <InlineMarkup text={note} />
        </li>
      ))}
    </ul>
  );
}

/** A divided list: one row per value, readable at any width (tables hide columns on phones). */
function ValueList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul aria-label={label} className="divide-y divide-border rounded-card border border-border bg-surface shadow-card">
      {children}
    </ul>
  );
}

function PersonaCard({ persona }: { persona: Persona }) {
  const facts: [string, ReactNode][] = [
    ["Login", <Code key="login">{persona.login}</Code>],
    ["Password", <Code key="password">{persona.password}</Code>],
    ["Email", persona.email],
    ["Credit score", persona.credit_score],
    [persona.kind === "business" ? "Annual turnover" : "Annual income", formatMoneyForDisplay(persona.annual_income)],
    ["History", `${persona.history_days} days`],
  ];
  return (
    <Card id={`persona-${persona.key}`} className="scroll-mt-24">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="text-lg font-semibold text-fg">
            <a href={`#persona-${persona.key}`} className="hover:underline">
              {persona.display_name}
            </a>
          </h3>
          <Badge tone="brand">{persona.key}</Badge>
          {persona.kind === "business" && <Badge tone="info">business</Badge>}
        </div>
        <p className="mt-1 text-sm text-fg-muted">
          <InlineMarkup text={persona.purpose} />
        </p>
      </CardHeader>
      <CardBody className="space-y-4">
        <dl className="flex flex-wrap gap-x-10 gap-y-3 text-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="min-w-0">
              <dt className="text-xs font-medium text-fg-muted">{label}</dt>
              <dd className="mt-0.5 break-all text-fg">{value}</dd>
            </div>
          ))}
        </dl>
        {persona.lending && (
          <p className="text-sm text-fg-muted">
            <span className="font-medium text-fg">
              Loan of {formatMoneyForDisplay(persona.lending.example_request.amount)} over {persona.lending.example_request.term_months}{" "}
              months:
            </span>{" "}
            <InlineMarkup text={persona.lending.summary} />{" "}
            {persona.lending.bnpl_limit
              ? `Buy-now-pay-later limit ${formatMoneyForDisplay(persona.lending.bnpl_limit)}.`
              : "Buy-now-pay-later plans are declined."}
          </p>
        )}
        <ul
          className="divide-y divide-border rounded-card border border-border sm:hidden"
          aria-label={`Accounts of ${persona.display_name}`}
        >
          {persona.accounts.map((account) => (
            <li key={account.type} className="space-y-2 p-4">
              <div className="flex items-start justify-between gap-3">
                <div className="font-medium text-fg">{account.name}</div>
                <Balance account={account} />
              </div>
              <AccountBadges account={account} />
              <Identifiers identifiers={account.identifiers} />
              <Notes notes={account.notes} />
            </li>
          ))}
        </ul>
        <div className="hidden sm:block">
          <Table className="table-fixed">
            <TableCaption className="sr-only">Accounts of {persona.display_name}</TableCaption>
            <THead>
              <TR>
                <TH className="w-[30%]">Account</TH>
                <TH className="w-[27%]">Identifiers</TH>
                <TH className="w-[17%] text-right">Balance at seed</TH>
                <TH>Notes</TH>
              </TR>
            </THead>
            <TBody>
              {persona.accounts.map((account) => (
                <TR key={account.type}>
                  <TD className="align-top">
                    <div className="mb-1 font-medium">{account.name}</div>
                    <AccountBadges account={account} />
                  </TD>
                  <TD className="align-top">
                    <Identifiers identifiers={account.identifiers} />
                  </TD>
                  <TD className="text-right align-top">
                    <Balance account={account} />
                  </TD>
                  <TD className="align-top">
                    <Notes notes={account.notes} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </div>
      </CardBody>
    </Card>
  );
}

const schemeLabel: Record<Account["standards"]["uk_open_banking"]["account"][number]["scheme_name"], string> = {
  "UK.OBIE.SortCodeAccountNumber": "sort code + account number",
  "UK.OBIE.IBAN": "IBAN",
  "UK.OBIE.PAN": "masked card number",
};

function UkIdentifications({ account }: { account: Account }) {
  return (
    <dl className="space-y-1 text-xs">
      {account.standards.uk_open_banking.account.map((identification) => (
        <div key={identification.scheme_name}>
          <dt className="text-fg-muted">
            <code className="font-mono">{identification.scheme_name}</code>
            <span className="sr-only">, {schemeLabel[identification.scheme_name]}</span>
          </dt>
          <dd className="font-mono break-all text-fg">{identification.identification}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One term and its value in a standard's view of an account: the standard's field names in code, ours in words. */
function Field({ name, label, children }: { name?: string; label?: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-fg-muted">{name ? <code className="font-mono">{name}</code> : label}</dt>
      <dd className="font-mono break-all text-fg">{children}</dd>
    </div>
  );
}

/** A payment account under /accounts (by IBAN), a credit card under /card-accounts (by masked PAN). */
function BerlinGroupView({ account }: { account: Account }) {
  const view = account.standards.berlin_group;
  return (
    <dl className="space-y-1 text-xs">
      <Field label="Listed under">{view.endpoint}</Field>
      {view.endpoint === "/card-accounts" ? (
        <Field name="maskedPan">{view.masked_pan}</Field>
      ) : (
        <>
          <Field name="iban">{view.iban}</Field>
          <Field name="cashAccountType">{view.cash_account_type}</Field>
        </>
      )}
    </dl>
  );
}

/** The custom-customer document: what it holds, how its customer logs in, and the schema's own example. */
function CustomCustomers({ custom, portalUrl }: { custom: NonNullable<SandboxReference["custom_customers"]>; portalUrl: string }) {
  const example = JSON.stringify(custom.example, null, 2);
  const curl = `curl -X POST ${portalUrl}/v1/sandbox/customers \\
  -H "Authorization: Bearer $SANDBOX_KEY" -H "Idempotency-Key: $(uuidgen)" \\
  -H "Content-Type: application/json" -d @customer.json`;
  return (
    <Section
      id="custom-customers"
      title="Your own test customers"
      intro={
        <>
          Beside the personas, define customers of your own with <Code>{custom.endpoint}</Code> and a <Code>{custom.schema}</Code> document
          (in the{" "}
          <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/docs/api">
            API reference
          </Link>
          ): identity, KYC outcome, credit profile (score band, income, existing debts), an authentication scenario, and up to{" "}
          {custom.limits.accounts} accounts (current, savings or credit card; GBP, EUR or USD) with an opening balance, an overdraft or
          credit limit and a history: explicit transactions (up to {custom.limits.transactions}), or a generator (salary and rent on a day
          of the month, subscriptions, card spending by merchant category over up to {custom.limits.months} months). The customer logs in on
          the bank&apos;s pages as <Code>{custom.login}</Code> with password <Code>{custom.password}</Code>, and its accounts appear in{" "}
          <Code>/v1</Code>, UK Open Banking and the Berlin Group like a persona&apos;s. A reset keeps your customers (rebuilt as of the
          reset) unless you send <Code>{`{"keep_custom_customers": false}`}</Code>. A rule the schema cannot state (an overdraft the history
          breaches, a date outside the history, another currency) is a <Code>422</Code> whose <Code>errors[].pointer</Code> names the field.
          At most {custom.limits.customers} per sandbox.
        </>
      }
    >
      <div className="space-y-4">
        <CodeBlock code={example} title="customer.json" language="json" copyLabel="document" />
        <CodeBlock code={curl} title="Define it" language="bash" copyLabel="command" />
      </div>
    </Section>
  );
}

/** Every persona's accounts as each standard shows them: rows on wide screens, a list per account on phones. */
function StandardViews({ personas }: { personas: Persona[] }) {
  const rows = personas.flatMap((persona) => persona.accounts.map((account) => ({ persona, account })));
  return (
    <>
      <ul
        aria-label="The personas' accounts in the standards"
        className="divide-y divide-border rounded-card border border-border bg-surface shadow-card sm:hidden"
      >
        {rows.map(({ persona, account }) => (
          <li key={`${persona.key}-${account.type}`} className="space-y-3 p-4">
            <div>
              <div className="font-medium text-fg">{account.name}</div>
              <div className="text-xs text-fg-muted">
                {persona.display_name} · <code className="font-mono">{persona.key}</code> · {account.standards.uk_open_banking.currency}
              </div>
            </div>
            <div>
              <p className="mb-1 text-xs font-semibold text-fg">UK Open Banking</p>
              <UkIdentifications account={account} />
            </div>
            <div>
              <p className="mb-1 text-xs font-semibold text-fg">Berlin Group</p>
              <BerlinGroupView account={account} />
            </div>
          </li>
        ))}
      </ul>
      <div className="hidden sm:block" data-testid="standard-views">
        <Table className="table-fixed">
          <TableCaption className="sr-only">The personas&apos; accounts in UK Open Banking and the Berlin Group</TableCaption>
          <THead>
            <TR>
              <TH className="w-[28%]">Account</TH>
              <TH className="w-[36%]">UK Open Banking: Account</TH>
              <TH>Berlin Group</TH>
              <TH className="w-[10%]">Currency</TH>
            </TR>
          </THead>
          <TBody>
            {rows.map(({ persona, account }) => (
              <TR key={`${persona.key}-${account.type}`}>
                <TD className="align-top">
                  <div className="font-medium">{account.name}</div>
                  <div className="text-xs text-fg-muted">
                    {persona.display_name} · <code className="font-mono">{persona.key}</code>
                  </div>
                </TD>
                <TD className="align-top">
                  <UkIdentifications account={account} />
                </TD>
                <TD className="align-top">
                  <BerlinGroupView account={account} />
                </TD>
                <TD className="align-top font-mono text-xs">{account.standards.uk_open_banking.currency}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
    </>
  );
}

function Section({ id, title, children, intro }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-24 space-y-4">
      <div>
        <h2 id={`${id}-title`} className="text-xl font-semibold tracking-tight text-fg">
          <a href={`#${id}`} className="hover:underline">
            {title}
          </a>
        </h2>
        {intro && <div className="mt-1 max-w-3xl text-sm text-fg-muted">{intro}</div>}
      </div>
      {children}
    </section>
  );
}

const statusTone = (status: number | null): BadgeTone =>
  status === null ? "info" : status >= 500 ? "danger" : status === 429 ? "warning" : "neutral";

function Reference({ reference, portalUrl }: { reference: SandboxReference; portalUrl: string }) {
  const isScenario = (magic: { applies_to: string }) => magic.applies_to.startsWith("GET /oauth/authorize");
  const scenarioValues = reference.magic_values.filter(isScenario);
  const otherMagicValues = reference.magic_values.filter((magic) => !isScenario(magic));
  const decoupledCurl = `# The login page shows "Authentication id: authn_…" and waits
curl -X POST ${portalUrl}/v1/sandbox/authentications/authn_FROM_THE_PAGE \\
  -H "Authorization: Bearer $SANDBOX_KEY" -H "Content-Type: application/json" \\
  -d '{"decision":"approve"}'   # or {"decision":"refuse"}`;
  const scenarioCurl = `curl ${portalUrl}/v1/accounts \\
  -H "Authorization: Bearer $SANDBOX_KEY" \\
  -H "Sandbox-Scenario: latency=2000, bank_unavailable"`;
  const controlsCurl = `# Back to the seed: same customers, accounts, ids and balances
curl -X POST ${portalUrl}/v1/sandbox/reset -H "Authorization: Bearer $SANDBOX_KEY"

# A week later: pending card payments book, standard payments settle
curl -X POST ${portalUrl}/v1/sandbox/clock/advance \\
  -H "Authorization: Bearer $SANDBOX_KEY" -H "Content-Type: application/json" \\
  -d '{"days": 7}'

# Let it move by itself: everyday activity (and its webhooks) as days pass, 24 sandbox days per real day
curl -X PATCH ${portalUrl}/v1/sandbox/settings \\
  -H "Authorization: Bearer $SANDBOX_KEY" -H "Content-Type: application/json" \\
  -d '{"live_activity": true, "clock_rate": 24}'`;

  return (
    <>
      <nav aria-label="On this page" className="mt-8 rounded-card border border-border bg-surface p-4 text-sm">
        <p className="font-medium text-fg">On this page</p>
        <ul className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2">
          <li>
            <a className="text-primary hover:underline" href="#personas">
              Personas
            </a>
            <span className="text-fg-muted">
              {" "}
              ·{" "}
              {reference.personas.map((persona, index) => (
                <span key={persona.key}>
                  {index > 0 && ", "}
                  <a className="hover:underline" href={`#persona-${persona.key}`}>
                    {persona.key}
                  </a>
                </span>
              ))}
            </span>
          </li>
          {reference.custom_customers && (
            <li>
              <a className="text-primary hover:underline" href="#custom-customers">
                Your own test customers
              </a>
            </li>
          )}
          <li>
            <a className="text-primary hover:underline" href="#standards">
              The accounts in UK Open Banking and the Berlin Group
            </a>
          </li>
          <li>
            <a className="text-primary hover:underline" href="#sandbox-scenario">
              The Sandbox-Scenario header
            </a>
          </li>
          <li>
            <a className="text-primary hover:underline" href="#magic-values">
              Magic values
            </a>
          </li>
          <li>
            <a className="text-primary hover:underline" href="#controls">
              Sandbox controls: reset, clock, incoming money
            </a>
          </li>
        </ul>
      </nav>

      <div className="mt-10 space-y-14">
        <Section
          id="personas"
          title="Personas"
          intro={
            <>
              Every app&apos;s sandbox is seeded on its first call with these six customers, each with a current account, a savings account
              and a credit card, and months of transactions. Ids (<Code>cus_…</Code>, <Code>acc_…</Code>) differ from app to app; the names,
              identifiers and balances below are the same in every sandbox. Find an account with <Code>GET /v1/accounts</Code> and match on
              type and identifiers. Balances are as seeded, or after a reset.
            </>
          }
        >
          <div className="space-y-6">
            {reference.personas.map((persona) => (
              <PersonaCard key={persona.key} persona={persona} />
            ))}
          </div>
        </Section>

        {reference.custom_customers && <CustomCustomers custom={reference.custom_customers} portalUrl={portalUrl} />}

        <Section
          id="standards"
          title="The accounts in UK Open Banking and the Berlin Group"
          intro={
            <>
              The same accounts, through the{" "}
              <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/docs/api/uk-open-banking">
                UK Open Banking
              </Link>{" "}
              and{" "}
              <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/docs/api/berlin-group">
                Berlin Group
              </Link>{" "}
              APIs. An account&apos;s UK <Code>AccountId</Code> and Berlin Group <Code>resourceId</Code> are its <Code>acc_…</Code> id in
              your sandbox (as <Code>GET /v1/accounts</Code> shows it); the identifications below are the same in every sandbox. Use them to
              name a debtor or creditor account, or to find the persona&apos;s account in a list. In the Berlin Group a consent names a
              payment account by its <Code>iban</Code> and a credit card by its <Code>maskedPan</Code>; cards are read under{" "}
              <Code>/card-accounts</Code>.
            </>
          }
        >
          <StandardViews personas={reference.personas} />
        </Section>

        <Section
          id="sandbox-scenario"
          title="The Sandbox-Scenario header"
          intro={
            <>
              Send <Code>{reference.scenario_header.name}</Code> on any <Code>/v1</Code> call to make it slow or fail on purpose and test
              your error handling. A comma-separated list: a latency, at most one failure, or both. A simulated failure changes nothing in
              your sandbox. An unknown value is a 400 <Code>validation_failed</Code> pointing at <Code>/headers/sandbox-scenario</Code>.
            </>
          }
        >
          <ValueList label="Sandbox-Scenario values">
            {reference.scenario_header.values.map((info) => (
              <li
                key={info.value}
                id={`scenario-${info.code ?? "latency"}`}
                className="scroll-mt-24 space-y-1.5 p-4 target:bg-primary-soft sm:px-5"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <Code className="font-semibold">{info.value}</Code>
                  {info.status === null ? (
                    <Badge tone="info">delay</Badge>
                  ) : (
                    <Badge tone={statusTone(info.status)}>
                      {info.status} {info.code}
                    </Badge>
                  )}
                </div>
                <p className="text-sm text-fg-muted">
                  <InlineMarkup text={info.effect} />
                </p>
              </li>
            ))}
          </ValueList>
          <CodeBlock code={scenarioCurl} title="Two seconds late, then the bank is down" language="bash" copyLabel="command" />
        </Section>

        <Section
          id="authentication-scenarios"
          title="Authentication scenarios"
          intro={
            <>
              How the customer&apos;s sign-in goes on the bank&apos;s login and consent pages (<Code>/oauth/authorize</Code> for /v1 and UK
              Open Banking, and Berlin Group&apos;s <Code>scaRedirect</Code>): choose one in the login page&apos;s{" "}
              <strong className="font-semibold text-fg">Sandbox scenario</strong> select, or give a customer their own (
              <Code>authentication_scenario</Code>). The one-time code is always <Code>{SANDBOX_CODE}</Code>; a decoupled sign-in waits
              until you decide it with the control below, using the authentication id the page shows.
            </>
          }
        >
          <ValueList label="Authentication scenarios">
            {scenarioValues.map((magic) => (
              <li key={magic.value} className="space-y-1.5 p-4 sm:px-5">
                <Code className="font-semibold">{magic.value}</Code>
                <p className="text-sm text-fg-muted">
                  <InlineMarkup text={magic.effect} />
                </p>
              </li>
            ))}
          </ValueList>
          <CodeBlock code={decoupledCurl} title="Approve a decoupled sign-in" language="bash" copyLabel="command" />
        </Section>

        <Section
          id="magic-values"
          title="Magic values"
          intro="Values in a request body that always trigger the same outcome, whatever the balances."
        >
          {otherMagicValues.length === 0 ? (
            <p className="text-sm text-fg-muted">None yet: they arrive with payments.</p>
          ) : (
            <ValueList label="Magic values">
              {otherMagicValues.map((magic) => (
                <li key={`${magic.field}=${magic.value}`} className="space-y-1.5 p-4 sm:px-5">
                  <div className="flex flex-wrap items-center gap-2">
                    <Code className="font-semibold">
                      {magic.field} = {magic.value}
                    </Code>
                    <Badge tone="brand">{magic.applies_to}</Badge>
                  </div>
                  <p className="text-sm text-fg-muted">
                    <InlineMarkup text={magic.effect} />
                  </p>
                </li>
              ))}
            </ValueList>
          )}
        </Section>

        <Section
          id="controls"
          title="Sandbox controls"
          intro={
            <>
              Endpoints that act on your own sandbox only, with your sandbox key. Full request and response schemas are in the{" "}
              <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/docs/api/sandbox">
                API reference
              </Link>
              .
            </>
          }
        >
          <div className="space-y-4">
            {reference.controls.map((control) => (
              <Card key={`${control.method} ${control.path}`}>
                <CardBody className="space-y-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={control.method === "GET" ? "info" : "brand"}>{control.method}</Badge>
                    <code className="font-mono text-sm font-semibold break-all text-fg">{control.path}</code>
                    <span className="text-sm text-fg-muted">{control.summary}</span>
                  </div>
                  <Description text={control.description} />
                </CardBody>
              </Card>
            ))}
          </div>
          <CodeBlock code={controlsCurl} title="Reset, then move a week ahead" language="bash" copyLabel="commands" />
        </Section>
      </div>
    </>
  );
}

export default async function SandboxReferencePage() {
  const portalUrl = env().PORTAL_URL;
  let reference: SandboxReference | null = null;
  try {
    reference = await getSandboxReference();
  } catch {
    reference = null;
  }
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6">
      <PageHeader
        eyebrow="Docs"
        title="Personas & magic values"
        description="Who is in your sandbox, what their accounts hold, and how to make any call slow or fail on purpose."
      />
      {reference ? (
        <Reference reference={reference} portalUrl={portalUrl} />
      ) : (
        <Alert tone="error" title="The sandbox bank is not reachable" className="mt-8">
          This page is generated by the sandbox bank from its seed. Try again in a moment.
        </Alert>
      )}
    </div>
  );
}
