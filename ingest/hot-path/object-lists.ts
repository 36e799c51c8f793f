// Lists of objects or strings built by one array literal and push, for code V8 optimises hot.
//
// An empty array made by a builtin (`[].map(f)`, `[...new Set()]`, `filter`) has a different
// hidden class ("elements kind") from a non-empty one of objects. Code optimised while it saw only
// one of them is thrown away when the other comes (a "wrong map" deoptimisation) and compiled
// again: on the 1,380-call index, question understanding was recompiled this way for the whole of
// bench:http's measured window (~100 ms of compiling each time, both threads). Arrays from one
// literal share the kind that literal's arrays grew into, empty or not.

/** `f` of each item, in order. */
export function mapped<T, U>(items: Iterable<T>, f: (item: T) => U): U[] {
  const out: U[] = [];
  for (const item of items) out.push(f(item));
  return out;
}

/** The items, in order (a copy of an array, the values of a Set). */
export function listed<T>(items: Iterable<T>): T[] {
  const out: T[] = [];
  for (const item of items) out.push(item);
  return out;
}
