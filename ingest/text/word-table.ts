/**
 * A word → value table with no prototype: looked up with words of any text, a plain object
 * answers "constructor" or "toString" with Object's own members (analyze('the constructor') gave
 * a function as a term, '5 constructor' gave 'NaN').
 */
export function wordTable<V>(entries: Record<string, V>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}
