import { parseMinor } from "@openbank/contracts/money";
import { HistoryBuilder, type AccountKey } from "./history-builder";
import { merchants as M } from "./merchants";

/**
 * The sandbox's test customers. Every tenant gets all of them, with the same accounts and
 * the same transactions (amounts, texts, order) relative to the day the tenant was created.
 * Documented for developers in the portal's docs; change them only with a new seedVersion.
 */

export type AccountSpec = {
  key: AccountKey;
  name: string;
  status?: "active" | "frozen";
  sortCode?: string;
  accountNumber?: string;
  maskedPan?: string;
  overdraftLimit?: bigint;
  creditLimit?: bigint;
  /** AER in percent, e.g. "4.10". */
  interestRate?: string;
  openedDaysAgo: number;
  /** Current accounts aim at today's booked balance (the opening balance is derived); others start from an opening balance. */
  balance: { target: bigint } | { opening: bigint };
  openingDescription: string;
};

export type PersonaSpec = {
  persona: string;
  kind: "individual" | "business";
  givenName: string;
  familyName: string;
  email: string;
  dateOfBirth: string;
  creditScore: number;
  annualIncome: bigint;
  historyDays: number;
  accounts: AccountSpec[];
  /** Accounts that stopped moving N days ago. */
  quietDays?: Partial<Record<AccountKey, number>>;
  history(b: HistoryBuilder): void;
};

/** "4187.33" → 418733n. */
export function gbp(amount: string): bigint {
  const minor = parseMinor(amount, "GBP");
  if (minor === null) throw new Error(`bad seed amount ${amount}`);
  return minor;
}

const weekend = (daysAgo: number) => daysAgo % 7 === 0 || daysAgo % 7 === 6;

/** Monthly direct debit from the current account. */
function bill(
  b: HistoryBuilder,
  phase: number,
  amount: bigint,
  description: string,
  merchant: (typeof M)[keyof typeof M],
  category: string,
) {
  for (const k of b.months)
    b.add("current", b.month(k, phase, 5, 30), { amount: -amount, description, merchant, category, channel: "direct_debit" });
}

function cardBill(
  b: HistoryBuilder,
  account: AccountKey,
  phase: number,
  amount: bigint,
  merchant: (typeof M)[keyof typeof M],
  category = "subscriptions",
) {
  for (const k of b.months)
    b.add(account, b.month(k, phase, 8, 12), {
      amount: -amount,
      description: merchant.name.toUpperCase(),
      merchant,
      category,
      channel: "card",
    });
}

function salary(b: HistoryBuilder, phase: number, amount: bigint, description: string, category = "salary") {
  for (const k of b.months) b.add("current", b.month(k, phase, 6), { amount, description, category, channel: "faster_payment" });
}

function monthlyInterest(b: HistoryBuilder, amount: (k: number) => bigint) {
  for (const k of b.months)
    b.add("savings", b.month(k, 1, 2), { amount: amount(k), description: "Interest paid", category: "interest", channel: "interest" });
}

function saveMonthly(b: HistoryBuilder, phase: number, amount: bigint, savingsName: string, currentName: string) {
  for (const k of b.months) {
    b.transfer("current", "savings", b.month(k, phase, 7), amount, {
      out: { description: `Transfer to ${savingsName}`, category: "savings", channel: "standing_order" },
      in: { description: `Transfer from ${currentName}`, category: "transfer", channel: "standing_order" },
    });
  }
}

/** The monthly card statement paid by direct debit: in full, or a fixed minimum. Call after all card spending. */
function payCard(b: HistoryBuilder, phase: number, cardName: string, mode: { inFull: true } | { fixed: bigint }) {
  for (const k of b.months) {
    const at = b.month(k, phase, 4);
    const amount = "fixed" in mode ? mode.fixed : b.cardSpend("credit_card", b.month(k + 1, phase, 4), at);
    b.transfer("current", "credit_card", at, amount, {
      out: { description: `${cardName.toUpperCase()} PAYMENT`, category: "card_repayment", channel: "direct_debit" },
      in: { description: "Payment received - thank you", category: "card_repayment", channel: "transfer" },
    });
  }
}

function coffee(b: HistoryBuilder, account: AccountKey, d: number, options: { hour?: number } = {}) {
  const merchant = b.rng.pick([M.pret, M.costa, M.starbucks]);
  b.add(account, b.day(d, options.hour ?? 8, b.rng.int(0, 50)), {
    amount: -b.rng.pick([gbp("2.95"), gbp("3.20"), gbp("3.45"), gbp("3.85"), gbp("4.40")]),
    description: merchant.name.toUpperCase(),
    merchant,
    category: "coffee",
    channel: "card",
  });
}

function tfl(b: HistoryBuilder, account: AccountKey, d: number) {
  b.add(account, b.day(d, 23, 50), {
    amount: -b.rng.pick([gbp("1.75"), gbp("2.80"), gbp("3.50"), gbp("5.60"), gbp("8.50")]),
    description: "TFL TRAVEL CHARGE",
    merchant: M.tfl,
    category: "transport",
    channel: "card",
  });
}

function groceries(b: HistoryBuilder, account: AccountKey, d: number, shops: (typeof M)[keyof typeof M][], min: number, max: number) {
  const merchant = b.rng.pick(shops);
  b.add(account, b.day(d, b.rng.int(11, 20), b.rng.int(0, 59)), {
    amount: -b.rng.pence(min, max),
    description: merchant.name.toUpperCase(),
    merchant,
    category: "groceries",
    channel: "card",
  });
}

function spend(
  b: HistoryBuilder,
  account: AccountKey,
  d: number,
  shops: (typeof M)[keyof typeof M][],
  min: number,
  max: number,
  category: string,
) {
  const merchant = b.rng.pick(shops);
  b.add(account, b.day(d, b.rng.int(9, 22), b.rng.int(0, 59)), {
    amount: -b.rng.pence(min, max),
    description: merchant.name.toUpperCase(),
    merchant,
    category,
    channel: "card",
  });
}

function refund(b: HistoryBuilder, account: AccountKey, d: number, shops: (typeof M)[keyof typeof M][], min: number, max: number) {
  const merchant = b.rng.pick(shops);
  b.add(account, b.day(d, 10, b.rng.int(0, 59)), {
    amount: b.rng.pence(min, max),
    description: `REFUND ${merchant.name.toUpperCase()}`,
    merchant,
    category: "refund",
    channel: "card",
  });
}

export const personas: readonly PersonaSpec[] = [
  {
    persona: "good_credit",
    kind: "individual",
    givenName: "Amelia",
    familyName: "Hart",
    email: "amelia.hart@example.com",
    dateOfBirth: "1988-04-12",
    creditScore: 812,
    annualIncome: gbp("72000"),
    historyDays: 155,
    accounts: [
      {
        key: "current",
        name: "Everyday Current Account",
        sortCode: "990011",
        accountNumber: "41825937",
        overdraftLimit: gbp("1500"),
        openedDaysAgo: 3_120,
        balance: { target: gbp("3842.17") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "savings",
        name: "Easy Access Saver",
        sortCode: "990011",
        accountNumber: "41825945",
        interestRate: "4.10",
        openedDaysAgo: 2_010,
        balance: { opening: gbp("15240.00") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "credit_card",
        name: "Platinum Credit Card",
        maskedPan: "535522******4821",
        creditLimit: gbp("8000"),
        openedDaysAgo: 1_460,
        balance: { opening: gbp("-486.20") },
        openingDescription: "Balance brought forward",
      },
    ],
    history(b) {
      salary(b, 4, gbp("4187.33"), "ACME ANALYTICS LTD SALARY");
      bill(b, 2, gbp("1245.00"), "NATIONWIDE BS MORTGAGE", M.nationwide, "mortgage");
      bill(b, 10, gbp("168.00"), "LAMBETH COUNCIL TAX", M.lambeth, "council_tax");
      bill(b, 12, gbp("92.00"), "OCTOPUS ENERGY", M.octopus, "utilities");
      bill(b, 15, gbp("41.50"), "THAMES WATER", M.thamesWater, "utilities");
      bill(b, 18, gbp("32.00"), "EE LIMITED", M.ee, "phone_and_internet");
      bill(b, 8, gbp("45.00"), "VIRGIN MEDIA", M.virginMedia, "phone_and_internet");
      bill(b, 5, gbp("24.99"), "PUREGYM", M.pureGym, "fitness");
      bill(b, 20, gbp("28.40"), "AVIVA HOME INSURANCE", M.aviva, "insurance");
      cardBill(b, "credit_card", 14, gbp("10.99"), M.netflix);
      cardBill(b, "credit_card", 21, gbp("11.99"), M.spotify);
      saveMonthly(b, 3, gbp("750.00"), "Easy Access Saver", "Everyday Current Account");
      for (const k of b.months)
        b.add("current", b.month(k, 3, 9), {
          amount: gbp("-500.00"),
          description: "VANGUARD ISA",
          category: "investments",
          channel: "faster_payment",
        });
      monthlyInterest(b, (k) => gbp("54.20") + BigInt(4 - k) * 257n);
      for (const d of b.days) {
        if (!weekend(d)) {
          if (b.rng.chance(0.55)) coffee(b, "current", d);
          if (b.rng.chance(0.85)) tfl(b, "current", d);
          if (b.rng.chance(0.25)) spend(b, "current", d, [M.pret, M.greggs], 4.5, 9.8, "eating_out");
        } else {
          if (b.rng.chance(0.5)) spend(b, "credit_card", d, [M.dishoom, M.wagamama, M.pizzaExpress, M.nandos], 24, 96, "eating_out");
          if (b.rng.chance(0.15)) spend(b, "credit_card", d, [M.odeon], 11, 28, "entertainment");
        }
        if (b.rng.chance(0.32)) groceries(b, "current", d, [M.sainsburys, M.waitrose, M.tesco], 8, 92);
        if (b.rng.chance(0.12)) spend(b, "credit_card", d, [M.amazon, M.asos, M.johnLewis], 12, 140, "shopping");
        if (b.rng.chance(0.06)) spend(b, "credit_card", d, [M.uber], 9, 32, "transport");
        if (b.rng.chance(0.05)) spend(b, "current", d, [M.boots], 4, 26, "health");
        if (b.rng.chance(0.025)) refund(b, "credit_card", d, [M.amazon, M.asos], 12, 60);
      }
      payCard(b, 7, "Platinum Card", { inFull: true });
    },
  },
  {
    persona: "thin_file",
    kind: "individual",
    givenName: "Lucía",
    familyName: "Fernández",
    email: "lucia.fernandez@example.com",
    dateOfBirth: "1997-09-03",
    creditScore: 561,
    annualIncome: gbp("26000"),
    historyDays: 95,
    accounts: [
      {
        key: "current",
        name: "Current Account",
        sortCode: "990012",
        accountNumber: "52907314",
        overdraftLimit: 0n,
        openedDaysAgo: 95,
        balance: { target: gbp("2150.00") },
        openingDescription: "Opening deposit",
      },
      {
        key: "savings",
        name: "Easy Access Saver",
        sortCode: "990012",
        accountNumber: "52907322",
        interestRate: "3.50",
        openedDaysAgo: 95,
        balance: { opening: 0n },
        openingDescription: "Opening deposit",
      },
      {
        key: "credit_card",
        name: "Credit Builder Card",
        maskedPan: "535522******7730",
        creditLimit: gbp("250"),
        openedDaysAgo: 95,
        balance: { opening: 0n },
        openingDescription: "Opening balance",
      },
    ],
    history(b) {
      salary(b, 2, gbp("1710.25"), "BRIGHTSIDE LOGISTICS PAYROLL");
      for (const k of b.months)
        b.add("current", b.month(k, 1, 7), {
          amount: gbp("-850.00"),
          description: "RENT FLAT 3 12 MILE END RD",
          category: "rent",
          channel: "standing_order",
        });
      cardBill(b, "current", 9, gbp("10.00"), M.giffgaff, "phone_and_internet");
      b.transfer("current", "savings", b.month(1, 2, 9), gbp("100.00"), {
        out: { description: "Transfer to Easy Access Saver", category: "savings", channel: "transfer" },
        in: { description: "Transfer from Current Account", category: "transfer", channel: "transfer" },
      });
      b.transfer("current", "savings", b.month(0, 2, 9), gbp("50.00"), {
        out: { description: "Transfer to Easy Access Saver", category: "savings", channel: "transfer" },
        in: { description: "Transfer from Current Account", category: "transfer", channel: "transfer" },
      });
      for (const d of b.days) {
        if (b.rng.chance(0.35)) groceries(b, "current", d, [M.lidl, M.aldi], 6, 42);
        if (!weekend(d) && b.rng.chance(0.45)) tfl(b, "current", d);
        if (b.rng.chance(0.05)) coffee(b, "current", d, { hour: 12 });
        if (b.rng.chance(0.04)) spend(b, "current", d, [M.primark], 6, 38, "shopping");
        if (b.rng.chance(0.08)) spend(b, "credit_card", d, [M.tesco, M.amazon], 5, 30, "shopping");
      }
      payCard(b, 6, "Credit Builder", { inFull: true });
    },
  },
  {
    persona: "overdrawn",
    kind: "individual",
    givenName: "Daniel",
    familyName: "Brooks",
    email: "daniel.brooks@example.com",
    dateOfBirth: "1991-01-27",
    creditScore: 608,
    annualIncome: gbp("31000"),
    historyDays: 155,
    accounts: [
      {
        key: "current",
        name: "Current Account",
        sortCode: "990013",
        accountNumber: "63018426",
        overdraftLimit: gbp("1200"),
        openedDaysAgo: 2_400,
        balance: { target: gbp("-742.18") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "savings",
        name: "Easy Access Saver",
        sortCode: "990013",
        accountNumber: "63018434",
        interestRate: "3.25",
        openedDaysAgo: 1_900,
        balance: { opening: gbp("11.91") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "credit_card",
        name: "Classic Credit Card",
        maskedPan: "535522******0417",
        creditLimit: gbp("1500"),
        openedDaysAgo: 1_300,
        balance: { opening: gbp("-1050.00") },
        openingDescription: "Balance brought forward",
      },
    ],
    history(b) {
      salary(b, 20, gbp("1985.10"), "NORTHWIND RETAIL LTD WAGES", "wages");
      for (const k of b.months)
        b.add("current", b.month(k, 19, 7), {
          amount: gbp("-950.00"),
          description: "RENT - FOXTONS",
          merchant: M.foxtons,
          category: "rent",
          channel: "standing_order",
        });
      bill(b, 11, gbp("121.00"), "LB NEWHAM COUNCIL TAX", M.newham, "council_tax");
      bill(b, 13, gbp("78.00"), "OCTOPUS ENERGY", M.octopus, "utilities");
      bill(b, 16, gbp("38.00"), "VIRGIN MEDIA", M.virginMedia, "phone_and_internet");
      bill(b, 19, gbp("45.00"), "EE LIMITED", M.ee, "phone_and_internet");
      bill(b, 9, gbp("29.00"), "SKY DIGITAL", M.sky, "subscriptions");
      bill(b, 5, gbp("24.99"), "PUREGYM", M.pureGym, "fitness");
      bill(b, 12, gbp("36.66"), "KLARNA", M.klarna, "buy_now_pay_later");
      for (const k of b.months) {
        b.add("current", b.month(k, 1, 3), {
          amount: -b.rng.pence(8, 22),
          description: "ARRANGED OVERDRAFT INTEREST",
          category: "fees",
          channel: "fee",
        });
        b.add("credit_card", b.month(k, 1, 3), {
          amount: -b.rng.pence(18, 24),
          description: "INTEREST ON CARD BALANCE",
          category: "fees",
          channel: "interest",
        });
      }
      monthlyInterest(b, () => 3n);
      for (const d of b.days) {
        if (!weekend(d) && b.rng.chance(0.7)) tfl(b, "current", d);
        if (b.rng.chance(0.3)) coffee(b, "current", d, { hour: 9 });
        if (b.rng.chance(0.27)) spend(b, "current", d, [M.deliveroo, M.justEat], 14, 38, "takeaway");
        if (b.rng.chance(0.28)) groceries(b, "current", d, [M.tescoExpress, M.coop], 4, 35);
        if (weekend(d) && b.rng.chance(0.45)) spend(b, "current", d, [M.redLion], 8, 45, "eating_out");
        if (b.rng.chance(0.05)) spend(b, "credit_card", d, [M.amazon, M.asos], 10, 55, "shopping");
      }
      payCard(b, 6, "Classic Card", { fixed: gbp("35.00") });
    },
  },
  {
    persona: "small_business",
    kind: "business",
    givenName: "Hartley & Finch Coffee Roasters Ltd",
    familyName: "",
    email: "accounts@hartleyfinch.example.com",
    dateOfBirth: "2017-06-14",
    creditScore: 705,
    annualIncome: gbp("412000"),
    historyDays: 155,
    accounts: [
      {
        key: "current",
        name: "Business Current Account",
        sortCode: "990014",
        accountNumber: "74129538",
        overdraftLimit: gbp("5000"),
        openedDaysAgo: 3_000,
        balance: { target: gbp("24318.55") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "savings",
        name: "Business Reserve Account",
        sortCode: "990014",
        accountNumber: "74129546",
        interestRate: "3.75",
        openedDaysAgo: 2_500,
        balance: { opening: gbp("31500.00") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "credit_card",
        name: "Business Credit Card",
        maskedPan: "552213******3306",
        creditLimit: gbp("10000"),
        openedDaysAgo: 2_200,
        balance: { opening: gbp("-1904.12") },
        openingDescription: "Balance brought forward",
      },
    ],
    history(b) {
      for (const k of b.months) {
        const at = (phase: number, hour: number) => b.month(k, phase, hour);
        for (const [name, amount] of [
          ["J SMITH", "1845.20"],
          ["P OKONKWO", "1702.66"],
          ["R HARTLEY", "2410.00"],
        ] as const) {
          b.add("current", at(5, 8), {
            amount: -gbp(amount),
            description: `PAYROLL ${name}`,
            category: "payroll",
            channel: "faster_payment",
          });
        }
        b.add("current", at(3, 9), {
          amount: -(gbp("1386.42") + BigInt(k) * 1_137n),
          description: "HMRC PAYE/NIC",
          merchant: M.hmrc,
          category: "tax",
          channel: "faster_payment",
        });
        if (k % 3 === 1)
          b.add("current", at(6, 9), {
            amount: -(gbp("5918.20") + BigInt(k) * 8_117n),
            description: "HMRC VAT",
            merchant: M.hmrc,
            category: "vat",
            channel: "faster_payment",
          });
        b.add("current", at(20, 10), {
          amount: -b.rng.pence(350, 600),
          description: "VEGWARE LTD",
          category: "supplier_payment",
          channel: "faster_payment",
        });
      }
      bill(b, 1, gbp("2400.00"), "BRIDGE ESTATES LTD RENT", M.bridgeEstates, "rent");
      bill(b, 12, gbp("312.00"), "BRISTOL CITY COUNCIL NNDR", M.bristol, "business_rates");
      bill(b, 14, gbp("410.00"), "BRITISH GAS BUSINESS", M.britishGas, "utilities");
      bill(b, 16, gbp("62.40"), "BT BUSINESS", M.btBusiness, "phone_and_internet");
      for (const k of b.months)
        b.add("current", b.month(k, 1, 1), { amount: gbp("-6.50"), description: "MONTHLY ACCOUNT FEE", category: "fees", channel: "fee" });
      cardBill(b, "credit_card", 8, gbp("33.00"), M.xero, "software");
      cardBill(b, "credit_card", 11, gbp("16.80"), M.googleWorkspace, "software");
      cardBill(b, "credit_card", 17, gbp("25.00"), M.shopify, "software");
      saveMonthly(b, 4, gbp("3000.00"), "Business Reserve Account", "Business Current Account");
      monthlyInterest(b, (k) => gbp("98.44") + BigInt(4 - k) * 934n);
      for (const d of b.days) {
        if (!weekend(d)) {
          b.add("current", b.day(d, 6, 15), {
            amount: b.rng.pence(650, 1450),
            description: "SUMUP PAYOUT",
            category: "card_takings",
            channel: "faster_payment",
          });
        }
        if (d % 7 === 3 || d % 7 === 5) {
          b.add("current", b.day(d, 6, 40), {
            amount: b.rng.pence(120, 480),
            description: "STRIPE PAYMENTS UK PAYOUT",
            category: "online_sales",
            channel: "faster_payment",
          });
        }
        if (d % 7 === 2) {
          b.add("current", b.day(d, 11), {
            amount: -b.rng.pence(1400, 2600),
            description: "UNION HAND-ROASTED COFFEE",
            category: "supplier_payment",
            channel: "faster_payment",
          });
          b.add("current", b.day(d, 11, 5), {
            amount: -b.rng.pence(180, 260),
            description: "BRISTOL MILK CO",
            category: "supplier_payment",
            channel: "faster_payment",
          });
          b.add("credit_card", b.day(d, 17, 30), {
            amount: -b.rng.pence(45, 80),
            description: "SHELL",
            merchant: M.shell,
            category: "fuel",
            channel: "card",
          });
        }
        if (b.rng.chance(0.1)) spend(b, "credit_card", d, [M.makro], 60, 240, "supplies");
        if (b.rng.chance(0.15)) spend(b, "credit_card", d, [M.royalMail], 8, 45, "postage");
        if (b.rng.chance(0.08)) spend(b, "credit_card", d, [M.amazon], 12, 95, "supplies");
        if (b.rng.chance(0.03)) spend(b, "credit_card", d, [M.screwfix], 9, 70, "maintenance");
      }
      payCard(b, 7, "Business Card", { inFull: true });
    },
  },
  {
    persona: "student",
    kind: "individual",
    givenName: "Aisha",
    familyName: "Khan",
    email: "aisha.khan@example.com",
    dateOfBirth: "2005-02-18",
    creditScore: 624,
    annualIncome: gbp("9800"),
    historyDays: 155,
    accounts: [
      {
        key: "current",
        name: "Student Account",
        sortCode: "990015",
        accountNumber: "85230619",
        overdraftLimit: gbp("2000"),
        openedDaysAgo: 560,
        balance: { target: gbp("-318.40") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "savings",
        name: "Student Saver",
        sortCode: "990015",
        accountNumber: "85230627",
        interestRate: "2.50",
        openedDaysAgo: 560,
        balance: { opening: gbp("59.75") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "credit_card",
        name: "Student Credit Card",
        maskedPan: "535522******9152",
        creditLimit: gbp("500"),
        openedDaysAgo: 400,
        balance: { opening: gbp("-41.30") },
        openingDescription: "Balance brought forward",
      },
    ],
    history(b) {
      for (const k of [4, 1])
        b.add("current", b.month(k, 10, 8), {
          amount: gbp("2650.00"),
          description: "STUDENT LOANS CO MAINTENANCE",
          category: "student_loan",
          channel: "faster_payment",
        });
      for (const k of b.months)
        b.add("current", b.month(k, 6, 5, 30), {
          amount: gbp("-735.00"),
          description: "UNITE STUDENTS",
          merchant: M.uniteStudents,
          category: "rent",
          channel: "direct_debit",
        });
      bill(b, 13, gbp("12.00"), "EE LIMITED", M.ee, "phone_and_internet");
      cardBill(b, "current", 15, gbp("5.99"), M.spotify);
      cardBill(b, "current", 22, gbp("4.49"), M.primeVideo);
      saveMonthly(b, 2, gbp("5.00"), "Student Saver", "Student Account");
      monthlyInterest(b, () => 1n);
      for (const d of b.days) {
        if (d % 14 === 4)
          b.add("current", b.day(d, 7), {
            amount: b.rng.pence(132, 186),
            description: "BLOOMSBURY BOOKS LTD WAGES",
            category: "wages",
            channel: "faster_payment",
          });
        if (b.rng.chance(0.35)) groceries(b, "current", d, [M.aldi, M.lidl, M.tescoExpress], 3, 32);
        if (b.rng.chance(0.25)) spend(b, "current", d, [M.greggs, M.costa], 2.2, 6.5, "coffee");
        if (weekend(d) && b.rng.chance(0.5)) spend(b, "current", d, [M.suBar], 4, 24, "eating_out");
        if (b.rng.chance(0.1)) spend(b, "current", d, [M.deliveroo], 12, 26, "takeaway");
        if (b.rng.chance(0.35)) tfl(b, "current", d);
        if (b.rng.chance(0.04)) spend(b, "current", d, [M.trainline], 18, 62, "travel");
        if (b.rng.chance(0.05)) spend(b, "current", d, [M.primark], 8, 40, "shopping");
        if (b.rng.chance(0.02)) spend(b, "current", d, [M.waterstones], 9, 35, "education");
        if (b.rng.chance(0.05)) spend(b, "credit_card", d, [M.asos, M.amazon], 10, 45, "shopping");
      }
      b.add("current", b.day(118, 14, 20), {
        amount: gbp("-549.00"),
        description: "CURRYS",
        merchant: M.currys,
        category: "shopping",
        channel: "card",
      });
      payCard(b, 8, "Student Card", { inFull: true });
    },
  },
  {
    persona: "frozen_account",
    kind: "individual",
    givenName: "Marcus",
    familyName: "Reid",
    email: "marcus.reid@example.com",
    dateOfBirth: "1983-11-05",
    creditScore: 655,
    annualIncome: gbp("38000"),
    historyDays: 155,
    // The current account was frozen 21 days ago (e.g. pending a fraud review): nothing moves on it since.
    quietDays: { current: 21 },
    accounts: [
      {
        key: "current",
        name: "Current Account",
        status: "frozen",
        sortCode: "990016",
        accountNumber: "96341702",
        overdraftLimit: gbp("500"),
        openedDaysAgo: 4_100,
        balance: { target: gbp("1504.33") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "savings",
        name: "Easy Access Saver",
        sortCode: "990016",
        accountNumber: "96341710",
        interestRate: "4.10",
        openedDaysAgo: 3_000,
        balance: { opening: gbp("2400.00") },
        openingDescription: "Balance brought forward",
      },
      {
        key: "credit_card",
        name: "Classic Credit Card",
        maskedPan: "535522******2268",
        creditLimit: gbp("3000"),
        openedDaysAgo: 2_000,
        balance: { opening: gbp("-420.00") },
        openingDescription: "Balance brought forward",
      },
    ],
    history(b) {
      salary(b, 4, gbp("2612.40"), "HALCYON MEDIA LTD SALARY");
      for (const k of b.months)
        b.add("current", b.month(k, 3, 7), {
          amount: gbp("-1100.00"),
          description: "RENT - FOXTONS",
          merchant: M.foxtons,
          category: "rent",
          channel: "standing_order",
        });
      bill(b, 10, gbp("142.00"), "LB HACKNEY COUNCIL TAX", M.hackney, "council_tax");
      bill(b, 12, gbp("84.00"), "OCTOPUS ENERGY", M.octopus, "utilities");
      bill(b, 18, gbp("40.00"), "EE LIMITED", M.ee, "phone_and_internet");
      cardBill(b, "credit_card", 14, gbp("10.99"), M.netflix);
      saveMonthly(b, 3, gbp("150.00"), "Easy Access Saver", "Current Account");
      monthlyInterest(b, (k) => gbp("8.20") + BigInt(4 - k) * 51n);
      for (const d of b.days) {
        if (!weekend(d) && b.rng.chance(0.6)) tfl(b, "current", d);
        if (b.rng.chance(0.35)) coffee(b, "current", d);
        if (b.rng.chance(0.3)) groceries(b, "current", d, [M.sainsburys, M.tesco, M.coop], 5, 70);
        if (weekend(d) && b.rng.chance(0.4)) spend(b, "credit_card", d, [M.nandos, M.wagamama], 18, 60, "eating_out");
        if (b.rng.chance(0.08)) spend(b, "credit_card", d, [M.amazon, M.currys], 10, 120, "shopping");
      }
      payCard(b, 6, "Classic Card", { inFull: true });
    },
  },
];
