import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { IconUsers } from "@/components/ui/icons";
import type { SandboxCustomer } from "@/lib/sandbox/sandbox-dto";
import { DeleteCustomerButton } from "./delete-customer-button";

const TYPE_LABELS: Record<string, string> = { current: "Current", savings: "Savings", credit_card: "Credit card" };

function formatMoney(money: { amount: string; currency: string }): string {
  const value = Number(money.amount);
  if (!Number.isFinite(value)) return `${money.amount} ${money.currency}`;
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: money.currency }).format(value);
}

/** Every test customer with their accounts and balances: one card each, a grid that folds to one column on phones. */
export function CustomersPanel({ appId, customers, canAct }: { appId: string; customers: SandboxCustomer[]; canAct: boolean }) {
  if (customers.length === 0) {
    return (
      <EmptyState icon={<IconUsers size={22} />} title="No test customers">
        Reset the sandbox to bring back the six personas, or define a custom customer below.
      </EmptyState>
    );
  }
  return (
    <ul className="grid grid-cols-1 gap-4 md:grid-cols-2" data-testid="sandbox-customers">
      {customers.map((customer) => (
        <li key={customer.id} data-customer-handle={customer.handle}>
          <Card className="flex h-full flex-col">
            <div className="flex flex-wrap items-start justify-between gap-2 px-5 pt-4">
              <div className="min-w-0">
                <h3 className="truncate text-base font-semibold text-fg">
                  {customer.given_name} {customer.family_name}
                </h3>
                <p className="text-xs text-fg-muted">
                  Logs in as <Code>{customer.username}</Code>
                </p>
              </div>
              <div className="flex flex-wrap gap-1.5">
                <Badge tone={customer.source === "custom" ? "brand" : "neutral"}>
                  {customer.source === "custom" ? "Custom" : "Persona"}
                </Badge>
                <Badge tone={customer.kyc_status === "approved" ? "success" : customer.kyc_status === "review" ? "warning" : "danger"}>
                  KYC {customer.kyc_status}
                </Badge>
                {customer.authentication_scenario !== "approve" && (
                  <Badge tone="info">{customer.authentication_scenario.replaceAll("_", " ")}</Badge>
                )}
                {canAct && customer.source === "custom" && (
                  <DeleteCustomerButton appId={appId} customerId={customer.id} name={`${customer.given_name} ${customer.family_name}`} />
                )}
              </div>
            </div>
            {customer.accounts.length === 0 ? (
              <p className="px-5 py-4 text-sm text-fg-muted">No accounts.</p>
            ) : (
              <table className="mt-3 w-full text-sm">
                <caption className="sr-only">
                  Accounts of {customer.given_name} {customer.family_name}
                </caption>
                <thead className="sr-only">
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Booked balance</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-border border-t border-border">
                  {customer.accounts.map((account) => (
                    <tr key={account.id} data-account-id={account.id}>
                      <td className="py-2 pr-2 pl-4 sm:pl-5">
                        <span className="block text-fg">{account.name}</span>
                        <span className="block text-xs text-fg-muted">
                          {TYPE_LABELS[account.type] ?? account.type} · <span className="font-mono break-all">{account.id}</span>
                        </span>
                      </td>
                      <td className="py-2 pr-4 pl-2 text-right align-top whitespace-nowrap tabular-nums sm:pr-5">
                        <span className="block font-medium text-fg">{formatMoney(account.booked_balance)}</span>
                        {account.available_balance && (
                          <span className="block text-xs text-fg-muted">{formatMoney(account.available_balance)} available</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </li>
      ))}
    </ul>
  );
}
