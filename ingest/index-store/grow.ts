/** A copy of `a`, at least `size` long and at least twice as long, holding its first `used` items. */
export function grow<A extends Uint32Array | Uint16Array | Int32Array>(a: A, size: number, used = a.length): A {
  const b = new (a.constructor as new (n: number) => A)(Math.max(size, a.length * 2));
  b.set(a.subarray(0, used));
  return b;
}
