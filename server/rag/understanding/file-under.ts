// Tables built once per catalog file each entry under a key: pushed onto the key's list rather
// than copied into a new one each time (a call's forty speakers were copied forty times over).

/** Adds `value` to the end of `key`'s list, starting the list when it is the first. */
export function fileUnder<K, V>(table: Map<K, V[]>, key: K, value: V): void {
  const list = table.get(key);
  if (list) list.push(value);
  else table.set(key, [value]);
}
