import { z } from "zod";
import { AccountReference, Amount, CashAccountType, CurrencyCode, Href, Iban, Links } from "./common";

export const Balance = z
  .object({
    balanceAmount: Amount,
    balanceType: z.enum([
      "closingBooked",
      "expected",
      "openingBooked",
      "interimAvailable",
      "interimBooked",
      "forwardAvailable",
      "nonInvoiced",
    ]),
    creditLimitIncluded: z.boolean().optional(),
    lastChangeDateTime: z.iso.datetime({ offset: true }).max(35).optional(),
    referenceDate: z.iso.date().optional(),
    lastCommittedTransaction: z.string().max(35).optional(),
  })
  .meta({ id: "balance" });

const BalanceList = z.array(Balance).max(10).meta({ id: "balanceList" });

export const AccountDetails = z
  .object({
    resourceId: z.string().max(64).describe("The account's id in this sandbox (`acc_…`), the same as /v1's."),
    iban: Iban.optional(),
    bban: z
      .string()
      .regex(/^[a-zA-Z0-9]{1,30}$/)
      .optional(),
    currency: CurrencyCode,
    name: z.string().max(70).optional(),
    displayName: z.string().max(70).optional(),
    product: z.string().max(35).optional(),
    cashAccountType: CashAccountType.optional(),
    status: z.enum(["enabled", "deleted", "blocked"]).optional(),
    bic: z.string().max(11).optional(),
    linkedAccounts: z.string().max(70).optional(),
    usage: z.enum(["PRIV", "ORGA"]).optional(),
    details: z.string().max(500).optional(),
    balances: BalanceList.optional(),
    _links: z.object({ balances: Href.optional(), transactions: Href.optional() }).optional(),
    ownerName: z.string().max(140).optional(),
  })
  .meta({ id: "accountDetails" });

export const AccountList = z.object({ accounts: z.array(AccountDetails).max(100) }).meta({ id: "accountList" });

export const AccountDetailsResponse = z.object({ account: AccountDetails });

export const BalancesResponse = z
  .object({ account: AccountReference.optional(), balances: BalanceList })
  .meta({ id: "readAccountBalanceResponse-200" });

export const BgTransaction = z
  .object({
    transactionId: z.string().max(64).optional(),
    bookingDate: z.iso.date().optional(),
    valueDate: z.iso.date().optional(),
    transactionAmount: Amount,
    creditorName: z.string().max(70).optional(),
    debtorName: z.string().max(70).optional(),
    remittanceInformationUnstructured: z.string().max(140).optional(),
    proprietaryBankTransactionCode: z.string().max(35).optional(),
    _links: Links.optional(),
  })
  .meta({ id: "transactions" });

const TransactionList = z.array(BgTransaction).max(500);

export const TransactionsResponse = z
  .object({
    account: AccountReference.optional(),
    transactions: z
      .object({ booked: TransactionList.optional(), pending: TransactionList.optional(), _links: Links })
      .meta({ id: "accountReport" }),
    balances: BalanceList.optional(),
  })
  .meta({ id: "transactionsResponse-200_json" });

export const TransactionDetailsResponse = z.object({ transactionsDetails: BgTransaction });

export const AccountParams = z.object({
  accountId: z.string().min(1).max(64).describe("The account's resourceId (`acc_…`): the document's {account-id}."),
});
export const TransactionParams = AccountParams.extend({ transactionId: z.string().min(1).max(64) });

const BooleanQuery = z.enum(["true", "false"]);

export const AccountListQuery = z.object({
  withBalance: BooleanQuery.optional().describe("`true`: each account with its balances, where the consent gives them."),
});

export const TransactionsQuery = z.object({
  bookingStatus: z
    .enum(["booked", "pending", "both", "information", "all"])
    .describe("`booked`, `pending` or `both`; `information` and `all` (standing orders) are not offered (PARAMETER_NOT_SUPPORTED)."),
  dateFrom: z.iso.date().optional().describe("Required: the first day (inclusive), sandbox clock."),
  dateTo: z.iso.date().optional().describe("The last day (inclusive); default today on the sandbox clock."),
  entryReferenceFrom: z.string().max(35).optional().describe("Delta reports are not offered (PARAMETER_NOT_SUPPORTED)."),
  deltaList: BooleanQuery.optional().describe("Delta reports are not offered (PARAMETER_NOT_SUPPORTED)."),
  withBalance: BooleanQuery.optional().describe("`true`: the account's balances too, if the consent gives them."),
  pageIndex: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .describe("The page, from 0; `_links` name the first, previous, next and last."),
  itemsPerPage: z.coerce.number().int().min(1).max(500).optional().describe("Lines per page, at most 500 (default 100)."),
});

export const CardAccountDetails = z
  .object({
    resourceId: z.string().max(64).describe("The card account's id in this sandbox (`acc_…`), the same as /v1's."),
    maskedPan: z.string().max(35),
    currency: CurrencyCode,
    ownerName: z.string().max(140).optional(),
    name: z.string().max(70).optional(),
    displayName: z.string().max(70).optional(),
    product: z.string().max(35).optional(),
    status: z.enum(["enabled", "deleted", "blocked"]).optional(),
    usage: z.enum(["PRIV", "ORGA"]).optional(),
    details: z.string().max(1000).optional(),
    creditLimit: Amount.optional(),
    balances: BalanceList.optional(),
    _links: z.object({ balances: Href.optional(), transactions: Href.optional() }).optional(),
  })
  .meta({ id: "cardAccountDetails" });

export const CardAccountList = z.object({ cardAccounts: z.array(CardAccountDetails).max(100) }).meta({ id: "cardAccountList" });

export const CardAccountDetailsResponse = z.object({ cardAccount: CardAccountDetails });

export const CardBalancesResponse = z
  .object({ cardAccount: AccountReference.optional(), balances: BalanceList })
  .meta({ id: "readCardAccountBalanceResponse-200" });

export const CardTransaction = z
  .object({
    cardTransactionId: z.string().max(35).optional(),
    transactionDate: z.iso.date().optional(),
    acceptorTransactionDateTime: z.iso.datetime({ offset: true }).max(35).optional(),
    bookingDate: z.iso.date().optional(),
    valueDate: z.iso.date().optional(),
    transactionAmount: Amount,
    merchantCategoryCode: z.string().length(4).optional(),
    maskedPAN: z.string().max(35).optional(),
    transactionDetails: z.string().max(1000).optional(),
    proprietaryBankTransactionCode: z.string().max(35).optional(),
  })
  .meta({ id: "cardTransaction" });

const CardTransactionList = z.array(CardTransaction).max(500);

export const CardTransactionsResponse = z
  .object({
    cardAccount: AccountReference.optional(),
    cardTransactions: z
      .object({ booked: CardTransactionList.optional(), pending: CardTransactionList.optional(), _links: Links })
      .meta({ id: "cardAccountReport" }),
    balances: BalanceList.optional(),
  })
  .meta({ id: "cardAccountsTransactionsResponse200" });
