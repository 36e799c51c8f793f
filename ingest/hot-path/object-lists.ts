// Lists of objects or strings built by one array literal and push, for code V8 optimises hot.
//
// An empty array made by a builtin (`[].map(f)`, `[...new Set()]`, `filter`) has a different
// hidden class ("elements kind") from a non-empty one of objects. Code optimised while it saw only
// one of them is thrown away when the other comes (a "wrong map" deoptimisation) and compiled
// again: on the 1,380-call index, question understanding was recompiled this way for the whole of
// bench:http's measured window (~100 ms of compiling each time, both threads). Arrays from one
// literal share the kind that literal's arrays grew into, empty or not. A helper shared by callers
// of many input types is itself polymorphic: copies of another list are written as a loop where made.

/** `f` of each item, in order. */
export function mapped<T, U>(items: Iterable<T>, f: (item: T) => U): U[] {
  const out: U[] = [];
  for (const item of items) out.push(f(item));
  return out;
}
