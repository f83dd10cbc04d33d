/**
 * Numbers as AWS's Java service prints them. AWS reads JSON numbers with Jackson: a number written
 * without a fraction or exponent stays an integer, anything else becomes a `double` printed by
 * `Double.toString` (`1.1`, `1.0E-4`, `1.2345678E7`). JavaScript keeps no such distinction, so an
 * integer-valued number is taken to be an integer.
 */

/** `Double.toString` switches to computerized scientific notation outside [10^-3, 10^7). */
const PLAIN_MIN = 1e-3;
const PLAIN_MAX = 1e7;

/** Formats a finite number the way AWS prints it in States.Format and States.JsonToString. */
export function javaNumberToString(value: number): string {
  if (Object.is(value, -0)) return '0';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) {
    // BigInt prints every digit where Number#toString would switch to an exponent.
    return BigInt(value).toString();
  }
  return javaDoubleToString(value);
}

/** `Double.toString` for a finite non-zero double, using JavaScript's shortest round-trip digits. */
export function javaDoubleToString(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  // toExponential() without an argument yields the shortest digits that round-trip.
  const [mantissa, exponentText] = magnitude.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (magnitude >= PLAIN_MIN && magnitude < PLAIN_MAX) {
    let integerPart: string;
    let fraction: string;
    if (exponent >= 0) {
      integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      fraction = digits.slice(exponent + 1);
    } else {
      integerPart = '0';
      fraction = '0'.repeat(-exponent - 1) + digits;
    }
    return `${sign}${integerPart}.${fraction || '0'}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}
