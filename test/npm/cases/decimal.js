import Decimal from "decimal.js";

export default function run() {
  Decimal.set({ precision: 40 });
  return JSON.stringify([
    new Decimal(0.1).plus(0.2).toString(),
    Decimal.sqrt(2).toString(),
    new Decimal(1).dividedBy(7).toFixed(30),
    Decimal.exp(1).toSignificantDigits(25).toString(),
    new Decimal("123456789.987654321").times("1e-5").toExponential(8),
  ]);
}
