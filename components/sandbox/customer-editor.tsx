"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Tabs } from "@/components/ui/tabs";
import { portalApi } from "@/lib/portal-api/portal-api-client";
import { useApiAction } from "@/lib/portal-api/use-api-action";
import {
  ACCOUNT_TYPES,
  CARD_CATEGORIES,
  CURRENCIES,
  DEBT_TYPES,
  KYC_STATUSES,
  newAccountDraft,
  newCustomerDraft,
  SCENARIOS,
  SCORE_BANDS,
  toCustomerDocument,
  type AccountDraft,
  type CustomerDraft,
} from "@/lib/sandbox/customer-draft";
import { sandboxCurl } from "@/lib/sandbox/sandbox-curl";
import { FromCode } from "./from-code";

const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replaceAll("_", " ");

function Fieldset({ legend, children, actions }: { legend: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-4 rounded-card border border-border p-4">
      <legend className="px-1 text-sm font-semibold text-fg">{legend}</legend>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">{children}</div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </fieldset>
  );
}

/**
 * The customer editor: a form that builds a CustomCustomerDocument (identity, KYC outcome,
 * credit profile, accounts with a generated history), the document itself in a "JSON" tab, and
 * the bank's answer: the new customer in the list, or each problem at the field its pointer names.
 */
export function CustomerEditor({ appId, origin }: { appId: string; origin: string }) {
  const router = useRouter();
  const [draft, setDraft] = useState<CustomerDraft>(newCustomerDraft);
  const [created, setCreated] = useState<string>();
  const { run, pending, error, fields } = useApiAction();
  const document = useMemo(() => toCustomerDocument(draft), [draft]);
  const json = JSON.stringify(document, null, 2);

  const set = <K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setAccount = (index: number, change: Partial<AccountDraft>) =>
    setDraft((current) => ({
      ...current,
      accounts: current.accounts.map((account, i) => (i === index ? { ...account, ...change } : account)),
    }));

  /** A text field bound to the draft, with the bank's problem for `pointer` beside it. */
  function text(options: {
    id: string;
    label: string;
    pointer: string;
    value: string;
    onChange: (value: string) => void;
    hint?: string;
    optional?: boolean;
    type?: string;
    inputMode?: "decimal" | "numeric";
  }) {
    return (
      <FormField id={options.id} label={options.label} hint={options.hint} optional={options.optional} error={fields[options.pointer]}>
        {(control) => (
          <Input
            {...control}
            type={options.type ?? "text"}
            inputMode={options.inputMode}
            value={options.value}
            onChange={(event) => options.onChange(event.target.value)}
          />
        )}
      </FormField>
    );
  }

  function choice<T extends string>(options: {
    id: string;
    label: string;
    pointer: string;
    value: T;
    values: readonly T[];
    onChange: (value: T) => void;
  }) {
    return (
      <FormField id={options.id} label={options.label} error={fields[options.pointer]}>
        {(control) => (
          <Select {...control} value={options.value} onChange={(event) => options.onChange(event.target.value as T)}>
            {options.values.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </Select>
        )}
      </FormField>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(undefined);
    const done = await run(() => portalApi.POST("/api/apps/{appId}/sandbox/customers", { params: { path: { appId } }, body: document }));
    if (!done) return;
    setCreated(`${done.data.given_name} ${done.data.family_name} logs in as ${done.data.username} (password pass_${done.data.handle}).`);
    setDraft(newCustomerDraft());
    router.refresh();
  }

  const problems = Object.entries(fields);
  const form = (
    <div className="flex flex-col gap-4">
      <Fieldset legend="Identity">
        {text({
          id: "cc-handle",
          label: "Handle",
          pointer: "handle",
          value: draft.handle,
          onChange: (v) => set("handle", v),
          hint: "3–32 lower-case letters, digits and _; logs in as user_<handle>.",
        })}
        {text({
          id: "cc-email",
          label: "Email",
          pointer: "identity/email",
          value: draft.email,
          onChange: (v) => set("email", v),
          optional: true,
          type: "email",
        })}
        {text({
          id: "cc-given",
          label: "Given name",
          pointer: "identity/given_name",
          value: draft.given_name,
          onChange: (v) => set("given_name", v),
        })}
        {text({
          id: "cc-family",
          label: "Family name",
          pointer: "identity/family_name",
          value: draft.family_name,
          onChange: (v) => set("family_name", v),
        })}
        {text({
          id: "cc-dob",
          label: "Date of birth",
          pointer: "identity/date_of_birth",
          value: draft.date_of_birth,
          onChange: (v) => set("date_of_birth", v),
          type: "date",
        })}
        {text({
          id: "cc-line1",
          label: "Address",
          pointer: "identity/address/line1",
          value: draft.line1,
          onChange: (v) => set("line1", v),
        })}
        {text({ id: "cc-city", label: "City", pointer: "identity/address/city", value: draft.city, onChange: (v) => set("city", v) })}
        {text({
          id: "cc-postcode",
          label: "Postcode",
          pointer: "identity/address/postcode",
          value: draft.postcode,
          onChange: (v) => set("postcode", v),
        })}
        {text({
          id: "cc-country",
          label: "Country",
          pointer: "identity/address/country",
          value: draft.country,
          onChange: (v) => set("country", v),
          hint: "Two letters, e.g. GB.",
        })}
      </Fieldset>

      <Fieldset
        legend="KYC, credit and sign-in"
        actions={
          <Button
            variant="secondary"
            size="sm"
            onClick={() => set("debts", [...draft.debts, { type: "credit_card", lender: "", balance: "1000.00", monthly_payment: "" }])}
            disabled={draft.debts.length >= 10}
          >
            Add an existing debt
          </Button>
        }
      >
        {choice({
          id: "cc-kyc",
          label: "KYC outcome",
          pointer: "kyc/status",
          value: draft.kyc_status,
          values: KYC_STATUSES,
          onChange: (v) => set("kyc_status", v),
        })}
        {choice({
          id: "cc-scenario",
          label: "Authentication scenario",
          pointer: "authentication_scenario",
          value: draft.authentication_scenario,
          values: SCENARIOS,
          onChange: (v) => set("authentication_scenario", v),
        })}
        {choice({
          id: "cc-band",
          label: "Credit score band",
          pointer: "credit/score_band",
          value: draft.score_band,
          values: SCORE_BANDS,
          onChange: (v) => set("score_band", v),
        })}
        {text({
          id: "cc-income",
          label: "Annual income (GBP)",
          pointer: "credit/annual_income",
          value: draft.annual_income,
          onChange: (v) => set("annual_income", v),
          inputMode: "decimal",
        })}
        {draft.debts.map((debt, index) => {
          const update = (change: Partial<typeof debt>) =>
            set(
              "debts",
              draft.debts.map((d, i) => (i === index ? { ...d, ...change } : d)),
            );
          return (
            <div key={index} className="col-span-full grid gap-4 rounded-control bg-surface-muted p-3 sm:grid-cols-3">
              {choice({
                id: `cc-debt-${index}-type`,
                label: `Debt ${index + 1}: type`,
                pointer: `credit/existing_debts/${index}/type`,
                value: debt.type,
                values: DEBT_TYPES,
                onChange: (v) => update({ type: v }),
              })}
              {text({
                id: `cc-debt-${index}-balance`,
                label: `Debt ${index + 1}: balance (GBP)`,
                pointer: `credit/existing_debts/${index}/balance`,
                value: debt.balance,
                onChange: (v) => update({ balance: v }),
                inputMode: "decimal",
              })}
              <div className="flex items-end">
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() =>
                    set(
                      "debts",
                      draft.debts.filter((_, i) => i !== index),
                    )
                  }
                >
                  Remove debt {index + 1}
                </Button>
              </div>
            </div>
          );
        })}
      </Fieldset>

      {draft.accounts.map((account, index) => {
        const at = `accounts/${index}`;
        const spending = CARD_CATEGORIES.filter((category) => (account.spending[category] ?? "").trim() !== "");
        return (
          <Fieldset
            key={index}
            legend={`Account ${index + 1}`}
            actions={
              draft.accounts.length > 1 && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() =>
                    set(
                      "accounts",
                      draft.accounts.filter((_, i) => i !== index),
                    )
                  }
                >
                  Remove account {index + 1}
                </Button>
              )
            }
          >
            {text({
              id: `cc-acc-${index}-key`,
              label: "Key",
              pointer: `${at}/key`,
              value: account.key,
              onChange: (v) => setAccount(index, { key: v }),
              hint: "Names the account within the customer.",
            })}
            {choice({
              id: `cc-acc-${index}-type`,
              label: "Type",
              pointer: `${at}/type`,
              value: account.type,
              values: ACCOUNT_TYPES,
              onChange: (v) => setAccount(index, { type: v }),
            })}
            {choice({
              id: `cc-acc-${index}-currency`,
              label: "Currency",
              pointer: `${at}/currency`,
              value: account.currency,
              values: CURRENCIES,
              onChange: (v) => setAccount(index, { currency: v }),
            })}
            {text({
              id: `cc-acc-${index}-product`,
              label: "Product",
              pointer: `${at}/product`,
              value: account.product,
              onChange: (v) => setAccount(index, { product: v }),
              optional: true,
            })}
            {text({
              id: `cc-acc-${index}-opening`,
              label: "Opening balance",
              pointer: `${at}/opening_balance`,
              value: account.opening_balance,
              onChange: (v) => setAccount(index, { opening_balance: v }),
              inputMode: "decimal",
              hint: "Negative is overdrawn, or owed on a card.",
            })}
            {account.type !== "savings" &&
              text({
                id: `cc-acc-${index}-limit`,
                label: account.type === "current" ? "Overdraft limit" : "Credit limit",
                pointer: `${at}/${account.type === "current" ? "overdraft_limit" : "credit_limit"}`,
                value: account.limit,
                onChange: (v) => setAccount(index, { limit: v }),
                optional: account.type === "current",
                inputMode: "decimal",
              })}
            <label className="col-span-full flex items-center gap-2 text-sm text-fg">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={account.generate}
                onChange={(event) => setAccount(index, { generate: event.target.checked })}
              />
              Generate a history (salary, rent, card spending)
            </label>
            {account.generate && (
              <>
                {text({
                  id: `cc-acc-${index}-months`,
                  label: "Months of history",
                  pointer: `${at}/history/generate/months`,
                  value: account.months,
                  onChange: (v) => setAccount(index, { months: v }),
                  inputMode: "numeric",
                  hint: "1 to 24.",
                })}
                {text({
                  id: `cc-acc-${index}-salary`,
                  label: "Monthly salary",
                  pointer: `${at}/history/generate/salary/amount`,
                  value: account.salary.amount,
                  onChange: (v) => setAccount(index, { salary: { ...account.salary, amount: v } }),
                  optional: true,
                  inputMode: "decimal",
                })}
                {text({
                  id: `cc-acc-${index}-payday`,
                  label: "Payday (day of month)",
                  pointer: `${at}/history/generate/salary/day_of_month`,
                  value: account.salary.day_of_month,
                  onChange: (v) => setAccount(index, { salary: { ...account.salary, day_of_month: v } }),
                  inputMode: "numeric",
                })}
                {text({
                  id: `cc-acc-${index}-employer`,
                  label: "Employer",
                  pointer: `${at}/history/generate/salary/employer`,
                  value: account.salary.employer,
                  onChange: (v) => setAccount(index, { salary: { ...account.salary, employer: v } }),
                })}
                {text({
                  id: `cc-acc-${index}-rent`,
                  label: "Monthly rent",
                  pointer: `${at}/history/generate/rent/amount`,
                  value: account.rent.amount,
                  onChange: (v) => setAccount(index, { rent: { ...account.rent, amount: v } }),
                  optional: true,
                  inputMode: "decimal",
                })}
                {text({
                  id: `cc-acc-${index}-landlord`,
                  label: "Landlord",
                  pointer: `${at}/history/generate/rent/landlord`,
                  value: account.rent.landlord,
                  onChange: (v) => setAccount(index, { rent: { ...account.rent, landlord: v } }),
                })}
                {CARD_CATEGORIES.map((category) =>
                  text({
                    id: `cc-acc-${index}-spend-${category}`,
                    label: `${label(category)} per month`,
                    pointer: `${at}/history/generate/card_spending/${spending.indexOf(category)}/monthly_amount`,
                    value: account.spending[category] ?? "",
                    onChange: (v) => setAccount(index, { spending: { ...account.spending, [category]: v } }),
                    optional: true,
                    inputMode: "decimal",
                  }),
                )}
              </>
            )}
          </Fieldset>
        );
      })}
      <div>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => set("accounts", [...draft.accounts, newAccountDraft(draft.accounts.length)])}
          disabled={draft.accounts.length >= 10}
        >
          Add an account
        </Button>
      </div>
    </div>
  );

  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <form onSubmit={submit} noValidate aria-label="Custom customer" className="flex min-w-0 flex-col gap-4">
        {problems.length > 0 && (
          <Alert tone="error" title="The bank refused the customer: fix these fields">
            <ul className="list-disc pl-5">
              {problems.map(([pointer, detail]) => (
                <li key={pointer}>
                  <code className="font-mono">/{pointer}</code>: {detail}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {error && <Alert tone="error">{error}</Alert>}
        {created && (
          <Alert tone="success" title="Customer created" data-testid="customer-created">
            {created}
          </Alert>
        )}
        <Tabs
          label="Customer editor view"
          items={[
            { id: "form", label: "Form", content: form },
            {
              id: "json",
              label: "JSON",
              content: <CodeBlock code={json} title="CustomCustomerDocument" copyLabel="the customer document" />,
            },
          ]}
        />
        <div>
          <Button type="submit" loading={pending}>
            {pending ? "Creating customer…" : "Create customer"}
          </Button>
        </div>
      </form>
      <FromCode what="create this customer" code={sandboxCurl(origin, "POST", "/v1/sandbox/customers", document, { idempotent: true })} />
    </div>
  );
}
